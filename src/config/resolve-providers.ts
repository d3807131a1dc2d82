// The errors module, not Value: the compiler already loads it, and Value's whole toolbox costs memory at start.
import { Errors } from "@sinclair/typebox/errors";
import { ConfigError, problemAt } from "./config-error.ts";
import { DEFAULT_ANTHROPIC_VERSION, PRESET_NAMES, presetOf, type PresetName } from "./provider-presets.ts";
import type { CopilotProviderSettings, ProviderSettings, UpstreamProviderSettings } from "./provider-settings.ts";
import { type ProviderEntry, ProviderEntrySchema } from "./providers-schema.ts";
import type { Config } from "./schema.ts";

type Env = Record<string, string | undefined>;
type Defaults = Pick<Config, "connectTimeout" | "firstByteTimeout" | "streamIdleTimeout" | "retries" | "retryTotalTime" | "copilotUrl">;
export type ProvidersInput = Defaults & { providers?: Record<string, unknown> };

export interface CollectedProviders {
  providers: ProviderSettings[];
  problems: string[];
}

export const COPILOT = "copilot";
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const COPILOT_FORBIDDEN: Record<string, string> = {
  baseUrl: "set copilotUrl instead",
  apiKey: "Copilot uses the GitHub login (auth, githubToken)",
  models: "Copilot lists its own models",
  responses: "Copilot says per model which APIs it speaks",
  anthropicVersion: "only for type anthropic",
};

/** A URL with http: or https:, without its trailing slashes; a problem otherwise. */
function httpUrl(value: string, path: readonly string[], problems: string[]): string {
  const parsed = URL.canParse(value) ? new URL(value) : undefined;
  if (parsed?.protocol !== "http:" && parsed?.protocol !== "https:") problems.push(problemAt(path, `expected an http:// or https:// URL (got ${JSON.stringify(value)})`));
  return value.replace(/\/+$/, "");
}

const originOf = (url: string): string | undefined => (URL.canParse(url) ? new URL(url).origin : undefined);

function common(name: string, entry: ProviderEntry, defaults: Defaults, problems: string[]) {
  return {
    ...(entry.headers !== undefined ? { headers: entry.headers } : {}),
    ...(entry.transforms !== undefined ? { transforms: entry.transforms } : {}),
    timeouts: {
      connect: entry.timeouts?.connect ?? defaults.connectTimeout,
      firstByte: entry.timeouts?.firstByte ?? defaults.firstByteTimeout,
      streamIdle: entry.timeouts?.streamIdle ?? defaults.streamIdleTimeout,
    },
    retry: { maxAttempts: entry.retry?.maxAttempts ?? defaults.retries + 1, maxTotalSeconds: entry.retry?.maxTotalSeconds ?? defaults.retryTotalTime },
    tlsVerify: entry.tlsVerify ?? true,
    ...(entry.proxy !== undefined ? { proxy: httpUrl(entry.proxy, ["providers", name, "proxy"], problems) } : {}),
  };
}

function copilotSettings(entry: ProviderEntry, defaults: Defaults, problems: string[]): CopilotProviderSettings {
  if (entry.type !== undefined && entry.type !== COPILOT) {
    problems.push(problemAt(["providers", COPILOT, "type"], `"copilot" is the built-in GitHub Copilot provider and cannot be redefined as type ${entry.type}; give yours another name`));
  }
  for (const [field, hint] of Object.entries(COPILOT_FORBIDDEN)) {
    if (entry[field as keyof ProviderEntry] !== undefined) problems.push(problemAt(["providers", COPILOT, field], `not for the built-in Copilot provider (${hint})`));
  }
  return { name: COPILOT, type: "copilot", ...(defaults.copilotUrl ? { baseUrl: defaults.copilotUrl } : {}), ...common(COPILOT, entry, defaults, problems) };
}

/** The key a preset finds in the environment, only for the preset's own server: another baseUrl never gets it. */
function presetKey(apiKeyEnv: readonly string[], env: Env): { apiKey: string; apiKeySource: string } | undefined {
  const source = apiKeyEnv.find((variable) => (env[variable] ?? "") !== "");
  return source === undefined ? undefined : { apiKey: env[source] as string, apiKeySource: source };
}

function upstreamSettings(name: string, entry: ProviderEntry, defaults: Defaults, env: Env, problems: string[]): UpstreamProviderSettings | undefined {
  const at = (field: string) => ["providers", name, field];
  if (entry.type === COPILOT) {
    problems.push(problemAt(at("type"), `type copilot is only for the built-in provider named "copilot" (configure it under providers.copilot)`));
    return undefined;
  }
  const presetName = (entry.type ?? (presetOf(name) ? name : undefined)) as PresetName | undefined;
  const preset = presetOf(presetName);
  if (presetName === undefined || preset === undefined) {
    problems.push(problemAt(at("type"), `missing: write type openai, anthropic or ollama, or a preset name (${PRESET_NAMES.join(", ")})`));
    return undefined;
  }
  const baseUrl = httpUrl(entry.baseUrl ?? preset.baseUrl, at("baseUrl"), problems);
  const presetServer = originOf(baseUrl) === originOf(preset.baseUrl);
  const key =
    entry.apiKey !== undefined ? (entry.apiKey === "" ? undefined : { apiKey: entry.apiKey, apiKeySource: "config" }) : presetServer ? presetKey(preset.apiKeyEnv, env) : undefined;
  if (entry.apiKey === undefined && presetServer && preset.apiKeyEnv.length > 0 && key === undefined) {
    problems.push(problemAt(at("apiKey"), `not set: set ${preset.apiKeyEnv.join(" or ")} in the environment, or write apiKey (apiKey: "" for none)`));
  }
  if (entry.responses !== undefined && preset.type !== "openai") problems.push(problemAt(at("responses"), "applies to type openai only"));
  if (entry.anthropicVersion !== undefined && preset.type !== "anthropic") problems.push(problemAt(at("anthropicVersion"), "applies to type anthropic only"));
  return {
    name,
    type: preset.type,
    preset: presetName,
    baseUrl,
    ...key,
    ...(entry.models !== undefined ? { models: entry.models } : {}),
    responses: preset.type === "openai" && (entry.responses ?? (presetServer && "responses" in preset && preset.responses === true)),
    ...(preset.type === "anthropic" ? { anthropicVersion: entry.anthropicVersion ?? DEFAULT_ANTHROPIC_VERSION } : {}),
    ...common(name, entry, defaults, problems),
  };
}

/**
 * Every provider with its problems. Entries that break the schema are skipped here (schemaProblems names those), so
 * one bad entry does not hide another's problems.
 */
export function collectProviders(config: ProvidersInput, env: Env): CollectedProviders {
  const problems: string[] = [];
  const entries = Object.entries(config.providers ?? {}).filter((entry): entry is [string, ProviderEntry] => Errors(ProviderEntrySchema, entry[1]).First() === undefined);
  const copilotEntry = entries.find(([name]) => name === COPILOT)?.[1] ?? {};
  const providers: ProviderSettings[] = [copilotSettings(copilotEntry, config, problems)];
  for (const [name, entry] of entries) {
    if (name === COPILOT) continue;
    if (!NAME.test(name)) {
      problems.push(problemAt(["providers", name], "a provider name is letters, digits, '.', '-' and '_', starting with a letter or digit"));
      continue;
    }
    const settings = upstreamSettings(name, entry, config, env, problems);
    if (settings) providers.push(settings);
  }
  return { providers, problems };
}

/** The providers of a loaded config, `copilot` first, then the file's order; a ConfigError lists every problem. */
export function resolveProviders(config: Config, env: Env): ProviderSettings[] {
  const { providers, problems } = collectProviders(config, env);
  if (problems.length > 0) throw new ConfigError(problems);
  return providers;
}
