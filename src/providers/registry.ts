import type { UpstreamType } from "../config/provider-presets.ts";
import { createAnthropicProvider } from "./anthropic/anthropic-provider.ts";
import { createOllamaProvider } from "./ollama/ollama-provider.ts";
import { createOpenAIProvider } from "./openai/openai-provider.ts";
import type { Provider } from "./provider.ts";
import type { UpstreamContext } from "./upstream/upstream-provider.ts";

/**
 * THE list of configurable provider types (Copilot is built in). Adding one = its file under providers/ and a line
 * here (plus its name in config/provider-presets.ts PROVIDER_TYPES).
 */
export const providerFactories: Record<UpstreamType, (context: UpstreamContext) => Provider> = {
  openai: createOpenAIProvider,
  anthropic: createAnthropicProvider,
  ollama: createOllamaProvider,
};
