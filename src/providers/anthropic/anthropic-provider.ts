import { DEFAULT_ANTHROPIC_VERSION } from "../../config/provider-presets.ts";
import type { Provider } from "../provider.ts";
import { openAIModelIds } from "../openai/openai-provider.ts";
import { createUpstreamProvider, type UpstreamContext } from "../upstream/upstream-provider.ts";

/** Anthropic's Messages API with an API key: `x-api-key`, the configured `anthropic-version`, the client's betas. */
export function createAnthropicProvider({ settings, fetch, rules }: UpstreamContext): Provider {
  const version = settings.anthropicVersion ?? DEFAULT_ANTHROPIC_VERSION;
  return createUpstreamProvider({
    settings,
    fetch,
    rules,
    wires: { "anthropic-messages": { path: "/v1/messages", framing: "sse" } },
    authHeaders: (apiKey) => ({ ...(apiKey ? { "x-api-key": apiKey } : {}), "anthropic-version": version }),
    callHeaders: (call) => {
      const betas = call.clientHeaders.get("anthropic-beta");
      return betas ? { "anthropic-beta": betas } : undefined;
    },
    // Anthropic lists `{"data": [{"id": …, "type": "model"}]}`, the same shape for ids.
    models: { path: "/v1/models", ids: openAIModelIds },
    wireOptions: () => ({ useMaxCompletionTokens: false, reasoningEffort: false, thinkingBudget: { min: 1024, max: 32_000 } }),
  });
}
