import { isRecord } from "../../core/is-record.ts";
import type { Provider } from "../provider.ts";
import { bearer, createUpstreamProvider, type UpstreamContext } from "../upstream/upstream-provider.ts";

/** Ids from an OpenAI-style listing: `{"data": [{"id": …}]}`. */
export const openAIModelIds = (json: unknown): string[] =>
  isRecord(json) && Array.isArray(json.data) ? json.data.flatMap((entry) => (isRecord(entry) && typeof entry.id === "string" ? [entry.id] : [])) : [];

/**
 * Any OpenAI-compatible API with a key (OpenAI, OpenRouter, Groq, DeepSeek, Z.AI's coding plan …): Chat
 * Completions, and the Responses API where the provider has it (`responses: true`).
 */
export function createOpenAIProvider({ settings, fetch, rules }: UpstreamContext): Provider {
  return createUpstreamProvider({
    settings,
    fetch,
    rules,
    wires: {
      "openai-chat": { path: "/chat/completions", framing: "sse" },
      ...(settings.responses ? { "openai-responses": { path: "/responses", framing: "sse" } as const } : {}),
    },
    authHeaders: bearer,
    models: { path: "/models", ids: openAIModelIds },
  });
}
