import type { HeaderRules, Transforms } from "./providers-schema.ts";
import type { PresetName, UpstreamType } from "./provider-presets.ts";

/** Seconds; each falls back to the provider's, then to --connect-timeout / --first-byte-timeout / --stream-idle-timeout. */
export interface ProviderTimeouts {
  connect: number;
  firstByte: number;
  streamIdle: number;
}

/** `maxAttempts` counts the first try (--retries N is N + 1); `maxTotalSeconds` falls back to --retry-total-time. */
export interface ProviderRetry {
  maxAttempts: number;
  maxTotalSeconds: number;
}

interface CommonProviderSettings {
  /** The key under `providers:` (`copilot` for the built-in one). */
  name: string;
  headers?: HeaderRules;
  transforms?: Transforms;
  timeouts: ProviderTimeouts;
  retry: ProviderRetry;
  tlsVerify: boolean;
  /** Outbound proxy for this provider only (http:// or https://). */
  proxy?: string;
}

/** The built-in GitHub Copilot provider: always present, first in the list. */
export interface CopilotProviderSettings extends CommonProviderSettings {
  type: "copilot";
  /** --copilot-url when set; otherwise the Copilot token's endpoints.api decides at run time. */
  baseUrl?: string;
}

export interface UpstreamProviderSettings extends CommonProviderSettings {
  type: UpstreamType;
  /** No trailing slash. */
  baseUrl: string;
  apiKey?: string;
  /** `config` (written in the file) or the environment variable a preset took it from; for `config show`. */
  apiKeySource?: string;
  /** Static model ids, for listing when the provider has no model listing. */
  models?: string[];
  /** type openai only: the server also speaks the Responses API. */
  responses: boolean;
  /** type anthropic only: the anthropic-version header (default 2023-06-01). */
  anthropicVersion?: string;
  /** The preset whose values were used (`openai` for `type: openai` too). */
  preset: PresetName;
}

/** One configured provider, every default applied. */
export type ProviderSettings = CopilotProviderSettings | UpstreamProviderSettings;

/** One `models:` entry, in file order. Tuning fields override the provider's field by field. */
export interface ModelRouteSettings {
  /** The key: an exact model name or a pattern where `*` matches any run of characters. */
  pattern: string;
  provider: string;
  /** The upstream model id when it differs from the requested one (an alias). */
  model?: string;
  headers?: HeaderRules;
  transforms?: Transforms;
  timeouts?: Partial<ProviderTimeouts>;
  retry?: Partial<ProviderRetry>;
}
