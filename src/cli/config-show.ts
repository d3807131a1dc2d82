import type { LoadedConfig } from "../config/load-config.ts";
import { maskSecrets } from "../config/mask-secrets.ts";
import { resolveModelRoutes } from "../config/model-routes.ts";
import { flagOf, type OptionSpec, optionKeys, optionSpecs, toEnvName } from "../config/options.ts";
import type { ProviderSettings } from "../config/provider-settings.ts";
import { resolveProviders } from "../config/resolve-providers.ts";
import { isSecretName } from "../config/secret-names.ts";

type Env = Record<string, string | undefined>;

export interface ShownOption {
  /** null when unset. */
  value: unknown;
  /** `flag --port`, `env COPILOT_RELAY_PORT`, `file`, `default` or `unset`. */
  source: string;
}

/** The effective configuration with every secret masked: what `config show` prints. */
export interface ShownConfig {
  configFile: string;
  configFileExists: boolean;
  options: Record<string, ShownOption>;
  providers: unknown[];
  models: unknown[];
  modelAliases: Record<string, string>;
  fallbacks: Record<string, string[]>;
}

function shownProvider(provider: ProviderSettings): unknown {
  const masked = maskSecrets(provider);
  // The variable's name is no secret, though it is named like one.
  return "apiKeySource" in provider && provider.apiKeySource !== undefined ? { ...masked, apiKeySource: provider.apiKeySource } : masked;
}

export function describeConfig(loaded: LoadedConfig, env: Env): ShownConfig {
  const { config, sources } = loaded;
  const options: Record<string, ShownOption> = {};
  for (const key of optionKeys) {
    const spec: OptionSpec = optionSpecs[key];
    const source = sources[key];
    const label = source === "flag" ? `flag --${flagOf(key)}` : source === "env" ? `env ${toEnvName(key)}` : (source ?? "unset");
    // null, not undefined: JSON keeps the key.
    options[key] = { value: maskSecrets(config[key] ?? null, spec.secret === true || isSecretName(key)), source: label };
  }
  return {
    configFile: loaded.configFile,
    configFileExists: config.configFile !== undefined,
    options,
    providers: resolveProviders(config, env).map(shownProvider),
    models: maskSecrets(resolveModelRoutes(config)),
    modelAliases: config.modelAliases ?? {},
    fallbacks: config.fallbacks ?? {},
  };
}

const shownValue = (value: unknown): string => (value === null ? "—" : typeof value === "string" ? value : JSON.stringify(value));

/** Options as aligned rows (key, value, source), then providers, routes, aliases and fallbacks as YAML. */
export function formatConfigText(shown: ShownConfig): string {
  const rows = Object.entries(shown.options).map(([key, option]) => [key, shownValue(option.value), option.source] as const);
  const keyWidth = Math.max(...rows.map(([key]) => key.length));
  const valueWidth = Math.min(48, Math.max(...rows.map(([, value]) => value.length)));
  const lines = rows.map(([key, value, source]) => `  ${key.padEnd(keyWidth)}  ${value.padEnd(valueWidth)}  ${source}`);
  const sections = Bun.YAML.stringify({ providers: shown.providers, models: shown.models, modelAliases: shown.modelAliases, fallbacks: shown.fallbacks }, null, 2);
  return [`Config file: ${shown.configFile}${shown.configFileExists ? "" : " (absent)"}`, "", "Options (value, where it came from):", ...lines, "", sections.trimEnd()].join("\n");
}
