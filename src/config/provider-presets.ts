/** The wire a provider speaks; `copilot` is the built-in GitHub Copilot provider. */
export const PROVIDER_TYPES = ["openai", "anthropic", "ollama", "copilot"] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];
export type UpstreamType = Exclude<ProviderType, "copilot">;

export interface ProviderPreset {
  type: UpstreamType;
  baseUrl: string;
  /** Environment variables that may hold the key, the first one set wins. */
  apiKeyEnv: readonly string[];
  /** The server also speaks the Responses API. */
  responses?: boolean;
}

/**
 * Well-known servers: `zai: {}` (or `mine: { type: zai }`) gets the preset's values and explicit fields override
 * them. `openai`, `anthropic` and `ollama` are both a wire type and a preset.
 */
export const providerPresets = {
  zai: { type: "openai", baseUrl: "https://api.z.ai/api/coding/paas/v4", apiKeyEnv: ["ZAI_API_KEY", "ZAI_CODING_API_KEY", "GLM_API_KEY"] },
  openrouter: { type: "openai", baseUrl: "https://openrouter.ai/api/v1", apiKeyEnv: ["OPENROUTER_API_KEY"] },
  deepseek: { type: "openai", baseUrl: "https://api.deepseek.com", apiKeyEnv: ["DEEPSEEK_API_KEY"] },
  openai: { type: "openai", baseUrl: "https://api.openai.com/v1", apiKeyEnv: ["OPENAI_API_KEY"], responses: true },
  anthropic: { type: "anthropic", baseUrl: "https://api.anthropic.com", apiKeyEnv: ["ANTHROPIC_API_KEY"] },
  ollama: { type: "ollama", baseUrl: "http://127.0.0.1:11434", apiKeyEnv: [] },
} as const satisfies Record<string, ProviderPreset>;

export type PresetName = keyof typeof providerPresets;
export const PRESET_NAMES = Object.keys(providerPresets) as PresetName[];

/** What a provider entry's `type` may say: a wire type or a preset name. */
export const PROVIDER_TYPE_NAMES = [...new Set<string>([...PROVIDER_TYPES, ...PRESET_NAMES])];

export const DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

export function presetOf(name: string | undefined): ProviderPreset | undefined {
  return name !== undefined && Object.hasOwn(providerPresets, name) ? providerPresets[name as PresetName] : undefined;
}
