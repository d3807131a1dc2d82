import { compileBodyTransforms, compileHeaderRules, type HeaderRules, type TransformsBlock } from "../providers/rules/index.ts";
import { existsSync } from "node:fs";
import { ConfigError, firstPerPlace } from "./config-error.ts";
import { readConfigFile } from "./config-file.ts";
import { modelRouteProblems } from "./model-routes.ts";
import { flagOf, type OptionKey, type OptionSpec, optionKeys, optionSpecs, toEnvName } from "./options.ts";
import { defaultConfigFile, defaultDataDir } from "./paths.ts";
import { collectProviders, type ProvidersInput } from "./resolve-providers.ts";
import { schemaProblems } from "./schema-problems.ts";
import { type Config, ConfigSchema, FILE_ONLY_KEYS } from "./schema.ts";

export { ConfigError } from "./config-error.ts";

type Env = Record<string, string | undefined>;
/** Where an option's value came from. */
export type OptionSource = "flag" | "env" | "file" | "default";
type Source = OptionSource;

export interface LoadConfigInput {
  /** Parsed CLI flags, keyed by option key (camelCase); undefined means "not given". */
  flags?: Partial<Record<string, unknown>>;
  env?: Env;
  /** Explicit config file (from --config or COPILOT_RELAY_CONFIG); a missing explicit file is an error. */
  configFile?: string;
}

export interface LoadedConfig {
  config: Config;
  /** Each option that has a value: the layer it came from (`home` and enterprise-derived URLs count as default). */
  sources: Partial<Record<OptionKey, OptionSource>>;
  /** The file that was looked for (it may not exist: then `config.configFile` is unset). */
  configFile: string;
}

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

/** Strip scheme and slashes: `https://acme.ghe.com/` → `acme.ghe.com`. */
function enterpriseHost(value: string): string {
  return value.replace(/^https?:\/\//, "").replace(/\/+$/, "");
}

function coerceAll(flags: Partial<Record<string, unknown>>, env: Env, file: Record<string, unknown>, problems: string[]) {
  const config: Record<string, unknown> = {};
  const sources: Partial<Record<OptionKey, Source>> = {};
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
    try {
      config[key] = source === "default" ? raw : coerce(key, spec, raw, source);
      sources[key] = source;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      // The default keeps the schema from reporting the same key a second time.
      if (spec.default !== undefined) config[key] = spec.default;
    }
  }
  return { config, sources };
}

function applyUrls(config: Record<string, unknown>, sources: Partial<Record<OptionKey, Source>>, problems: string[]): void {
  if (typeof config.enterpriseUrl === "string") {
    const host = enterpriseHost(config.enterpriseUrl);
    config.enterpriseUrl = host;
    if (sources.githubUrl === "default") config.githubUrl = `https://${host}`;
    if (sources.githubApiUrl === "default") config.githubApiUrl = `https://api.${host}`;
    if (config.copilotUrl === undefined) {
      config.copilotUrl = `https://copilot-api.${host}`;
      sources.copilotUrl = "default";
    }
  }
  for (const key of ["githubUrl", "githubApiUrl", "copilotUrl"] as const) {
    const value = config[key];
    if (typeof value !== "string") continue;
    if (!URL.canParse(value)) problems.push(`Invalid value ${JSON.stringify(value)} for ${key} (${sourceLabel(key, sources[key] ?? "file")}): expected a URL`);
    else config[key] = value.replace(/\/+$/, "");
  }
}

/** Header rules and transforms that do not compile (a bad regex, JSONPath or header name), with their paths. */
function ruleProblems(section: unknown, name: string): string[] {
  if (section === null || typeof section !== "object") return [];
  return Object.entries(section).flatMap(([key, entry]) => {
    if (entry === null || typeof entry !== "object") return [];
    const { headers, transforms } = entry as { headers?: unknown; transforms?: unknown };
    const problems: string[] = [];
    const check = (compile: () => unknown) => {
      try {
        compile();
      } catch (error) {
        problems.push(...(error instanceof ConfigError ? error.problems : [`${name}.${key}: ${(error as Error).message}`]));
      }
    };
    if (headers !== undefined) check(() => compileHeaderRules(headers as HeaderRules, [name, key, "headers"]));
    if (transforms !== undefined) check(() => compileBodyTransforms(transforms as TransformsBlock, [name, key, "transforms"]));
    return problems;
  });
}

/** Providers and model routes, beyond their shape: URLs, presets, keys, references, rules that compile. */
function providerProblems(config: Record<string, unknown>, env: Env): string[] {
  const { problems } = collectProviders(config as unknown as ProvidersInput, env);
  return [...problems, ...modelRouteProblems(config.models, config.providers), ...ruleProblems(config.providers, "providers"), ...ruleProblems(config.models, "models")];
}

/** defaults ← file ← env ← flags, validated; every problem found is in the one ConfigError. */
export function loadConfigWithSources(input: LoadConfigInput = {}): LoadedConfig {
  const env = input.env ?? process.env;
  const explicitFile = input.configFile ?? env.COPILOT_RELAY_CONFIG;
  const configFile = explicitFile ?? defaultConfigFile(env);
  const file = readConfigFile(configFile, explicitFile !== undefined, env);
  const problems = [...file.problems];

  const { config, sources } = coerceAll(input.flags ?? {}, env, file.values, problems);
  for (const key of FILE_ONLY_KEYS) if (file.values[key] !== undefined) config[key] = file.values[key];
  applyUrls(config, sources, problems);
  if (config.home === undefined) {
    config.home = defaultDataDir(env);
    sources.home = "default";
  }
  problems.push(...schemaProblems(ConfigSchema, config), ...providerProblems(config, env));
  if (problems.length > 0) throw new ConfigError(firstPerPlace(problems));

  const result = config as Config;
  if (existsSync(configFile)) result.configFile = configFile;
  return { config: result, sources, configFile };
}

/** defaults ← file ← env ← flags, validated against the TypeBox schema. */
export function loadConfig(input: LoadConfigInput = {}): Config {
  return loadConfigWithSources(input).config;
}
