import { TypeCompiler } from "@sinclair/typebox/compiler";
import { existsSync, readFileSync } from "node:fs";
import { type Config, ConfigSchema } from "./schema.ts";
import { defaultConfigFile, defaultDataDir } from "./paths.ts";
import { flagOf, type OptionKey, type OptionSpec, optionKeys, optionSpecs, toEnvName, toKey } from "./options.ts";

type Env = Record<string, string | undefined>;
type Source = "flag" | "env" | "file" | "default";

/** A configuration problem: shown as one line, exit code 2. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface LoadConfigInput {
  /** Parsed CLI flags, keyed by option key (camelCase); undefined means "not given". */
  flags?: Partial<Record<string, unknown>>;
  env?: Env;
  /** Explicit config file (from --config or COPILOT_RELAY_CONFIG); a missing explicit file is an error. */
  configFile?: string;
}

const fileOnlyKeys = ["modelAliases", "fallbacks"];

const sourceLabel = (key: string, source: Source): string =>
  source === "flag" ? `--${flagOf(key)}` : source === "env" ? toEnvName(key) : source === "file" ? `config key "${key}"` : "default";

function coerce(key: OptionKey, spec: OptionSpec, raw: unknown, source: Source): unknown {
  const fail = (allowed: string): never => {
    throw new ConfigError(`Invalid value ${JSON.stringify(raw)} for ${key} (${sourceLabel(key, source)}): expected ${allowed}`);
  };
  switch (spec.kind) {
    case "integer": {
      const value = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
      const range = `an integer from ${spec.minimum} to ${spec.maximum}`;
      if (!Number.isInteger(value)) fail(range);
      if ((spec.minimum !== undefined && value < spec.minimum) || (spec.maximum !== undefined && value > spec.maximum)) fail(range);
      return value;
    }
    case "number": {
      const value = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/.test(raw) ? Number(raw) : NaN;
      const range = `a number from ${spec.minimum} to ${spec.maximum}`;
      if (!Number.isFinite(value)) fail(range);
      if ((spec.minimum !== undefined && value < spec.minimum) || (spec.maximum !== undefined && value > spec.maximum)) fail(range);
      return value;
    }
    case "list": {
      // A flag given several times, an env var or file string with commas, or a YAML list.
      const items = (Array.isArray(raw) ? raw : [raw]).flatMap((item) => (typeof item === "string" || typeof item === "number" ? String(item).split(",") : fail("a list of strings")));
      return items.map((item) => item.trim()).filter((item) => item !== "");
    }
    case "boolean": {
      if (typeof raw === "boolean") return raw;
      const text = String(raw).trim().toLowerCase();
      if (["1", "true", "yes", "on"].includes(text)) return true;
      if (["0", "false", "no", "off", ""].includes(text)) return false;
      return fail("true or false");
    }
    case "enum": {
      const text = String(raw).trim();
      if (!spec.values?.includes(text)) fail(`one of ${spec.values?.join(", ")}`);
      return text;
    }
    default: {
      if (typeof raw !== "string" && typeof raw !== "number") fail("a string");
      const text = String(raw).trim();
      if (text === "") fail("a non-empty string");
      return text;
    }
  }
}

function readConfigFile(path: string, explicit: boolean): Record<string, unknown> {
  if (!existsSync(path)) {
    if (explicit) throw new ConfigError(`Config file not found: ${path}`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = Bun.YAML.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`Config file ${path} is not valid YAML: ${(error as Error).message}`);
  }
  if (parsed == null) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) throw new ConfigError(`Config file ${path} must be a mapping of keys to values`);
  const normalised: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parsed)) {
    const key = toKey(name);
    if (!(key in optionSpecs) && !fileOnlyKeys.includes(key)) {
      throw new ConfigError(`Unknown config key "${name}" in ${path}; known keys: ${[...optionKeys, ...fileOnlyKeys].join(", ")}`);
    }
    normalised[key] = value;
  }
  return normalised;
}

/** Strip scheme and slashes: `https://acme.ghe.com/` → `acme.ghe.com`. */
function enterpriseHost(value: string): string {
  return value.replace(/^https?:\/\//, "").replace(/\/+$/, "");
}

/** defaults ← file ← env ← flags, validated against the TypeBox schema. */
export function loadConfig(input: LoadConfigInput = {}): Config {
  const env = input.env ?? process.env;
  const flags = input.flags ?? {};
  const explicitFile = input.configFile ?? env.COPILOT_RELAY_CONFIG;
  const configFile = explicitFile ?? defaultConfigFile(env);
  const file = readConfigFile(configFile, explicitFile !== undefined);

  const config: Record<string, unknown> = {};
  const sources: Record<string, Source> = {};
  for (const key of optionKeys) {
    const spec: OptionSpec = optionSpecs[key];
    const candidates: [Source, unknown][] = [
      ["flag", flags[key]],
      ["env", env[toEnvName(key)]],
      ["file", file[key]],
      ["default", spec.default],
    ];
    const found = candidates.find(([, value]) => value !== undefined && value !== null);
    if (!found) continue;
    const [source, raw] = found;
    config[key] = source === "default" ? raw : coerce(key, spec, raw, source);
    sources[key] = source;
  }
  for (const key of fileOnlyKeys) if (file[key] !== undefined) config[key] = file[key];

  if (typeof config.enterpriseUrl === "string") {
    const host = enterpriseHost(config.enterpriseUrl);
    config.enterpriseUrl = host;
    if (sources.githubUrl === "default") config.githubUrl = `https://${host}`;
    if (sources.githubApiUrl === "default") config.githubApiUrl = `https://api.${host}`;
    if (config.copilotUrl === undefined) config.copilotUrl = `https://copilot-api.${host}`;
  }
  for (const key of ["githubUrl", "githubApiUrl", "copilotUrl"] as const) {
    const value = config[key];
    if (typeof value !== "string") continue;
    if (!URL.canParse(value)) throw new ConfigError(`Invalid value ${JSON.stringify(value)} for ${key} (${sourceLabel(key, sources[key] ?? "file")}): expected a URL`);
    config[key] = value.replace(/\/+$/, "");
  }
  config.home ??= defaultDataDir(env);

  const compiled = TypeCompiler.Compile(ConfigSchema);
  if (!compiled.Check(config)) {
    const first = compiled.Errors(config).First();
    const key = first?.path.replace(/^\//, "").split("/")[0] ?? "config";
    throw new ConfigError(`Invalid configuration at ${key}: ${first?.message ?? "does not match the schema"}`);
  }
  const result = config as Config;
  if (existsSync(configFile)) result.configFile = configFile;
  return result;
}
