import { isRecord } from "../../core/is-record.ts";
import type { Provider } from "../provider.ts";
import { bearer, createUpstreamProvider, type UpstreamContext } from "../upstream/upstream-provider.ts";

/** Ids from GET /api/tags: `{"models": [{"name": "qwen3:8b", "model": "qwen3:8b", …}]}`. */
const tagIds = (json: unknown): string[] =>
  isRecord(json) && Array.isArray(json.models)
    ? json.models.flatMap((entry) => (isRecord(entry) && typeof (entry.model ?? entry.name) === "string" ? [String(entry.model ?? entry.name)] : []))
    : [];

/** A local or remote Ollama through its native API (`/api/chat`, NDJSON streams; a bearer key for a guarded remote one). */
export function createOllamaProvider({ settings, fetch, rules }: UpstreamContext): Provider {
  return createUpstreamProvider({
    settings,
    fetch,
    rules,
    wires: { "ollama-chat": { path: "/api/chat", framing: "ndjson" } },
    authHeaders: bearer,
    models: { path: "/api/tags", ids: tagIds },
    // Ollama refuses `think` for models that cannot think; without it, thinking models think by default.
    wireOptions: () => ({ useMaxCompletionTokens: false, reasoningEffort: false }),
  });
}
