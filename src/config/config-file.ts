import { existsSync, readFileSync } from "node:fs";
import { ConfigError } from "./config-error.ts";
import { substituteEnv } from "./env-substitution.ts";
import { optionKeys, optionSpecs, toKey } from "./options.ts";
import { NESTED_FIELD_KEYS } from "./providers-schema.ts";
import { FILE_ONLY_KEYS } from "./schema.ts";

type Env = Record<string, string | undefined>;

export interface ConfigFileValues {
  /** Keys in camelCase, `${VAR}` substituted. */
  values: Record<string, unknown>;
  /** Unknown keys and unset variables: all of them, for one report. */
  problems: string[];
}

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

const camelKeys = (value: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(value).map(([key, item]) => [toKey(key), item]));

/** A provider or route entry: its field names (and those of timeouts/retry/transforms) spelled freely; `name:` alone is `{}`. */
function normaliseEntry(entry: unknown): unknown {
  if (entry === null) return {};
  if (!isMapping(entry)) return entry;
  const fields = camelKeys(entry);
  for (const key of NESTED_FIELD_KEYS) {
    const nested = fields[key];
    if (isMapping(nested)) fields[key] = camelKeys(nested);
  }
  return fields;
}

const normaliseSection = (section: unknown): unknown =>
  isMapping(section) ? Object.fromEntries(Object.entries(section).map(([name, entry]) => [name, normaliseEntry(entry)])) : section;

function parse(path: string): unknown {
  try {
    // YAML 1.2 is a superset of JSON: config.json parses the same way.
    return Bun.YAML.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`Config file ${path} is not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${(error as Error).message}`);
  }
}

/** The file's keys and values; a missing default file is empty, a missing explicit one or a broken one an error. */
export function readConfigFile(path: string, explicit: boolean, env: Env): ConfigFileValues {
  if (!existsSync(path)) {
    if (explicit) throw new ConfigError(`Config file not found: ${path}`);
    return { values: {}, problems: [] };
  }
  const parsed = parse(path);
  if (parsed == null) return { values: {}, problems: [] };
  if (!isMapping(parsed)) throw new ConfigError(`Config file ${path} must be a mapping of keys to values`);
  const { value, problems } = substituteEnv(parsed, env);
  const values: Record<string, unknown> = {};
  const known = [...optionKeys, ...FILE_ONLY_KEYS];
  for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
    const key = toKey(name);
    if (!(key in optionSpecs) && !FILE_ONLY_KEYS.includes(key)) {
      problems.push(`Unknown config key "${name}" in ${path}; known keys: ${known.join(", ")}`);
      continue;
    }
    values[key] = key === "providers" || key === "models" ? normaliseSection(item) : item;
  }
  return { values, problems };
}
