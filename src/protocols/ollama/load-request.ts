import type { OllamaChatRequest, OllamaGenerateRequest } from "./schema.ts";

/**
 * Ollama treats a chat request without messages, and a generate request without a prompt or images, as "load the
 * model" (docs/api.md "Load a model"), or "unload it" when `keep_alive` is 0; clients such as Open WebUI send them
 * to warm a model up. There is nothing to load upstream, so the route should answer such a request at once with
 * ollamaLoadAnswer instead of sending it.
 */
export function isOllamaChatLoad(request: Pick<OllamaChatRequest, "messages">): boolean {
  return (request.messages ?? []).length === 0;
}

export function isOllamaGenerateLoad(request: Pick<OllamaGenerateRequest, "prompt" | "suffix" | "images">): boolean {
  return !request.prompt && !request.suffix && (request.images ?? []).length === 0;
}

/** The one object Ollama answers a load (or unload) request with, for `/api/chat` or `/api/generate`. */
export function ollamaLoadAnswer(
  endpoint: "chat" | "generate",
  request: Pick<OllamaChatRequest, "model" | "keep_alive">,
  createdAt: string,
): Record<string, unknown> {
  const unload = request.keep_alive === 0 || request.keep_alive === "0" || request.keep_alive === "0s";
  const body = endpoint === "chat" ? { message: { role: "assistant", content: "" } } : { response: "" };
  return { model: request.model, created_at: createdAt, ...body, done: true, done_reason: unload ? "unload" : "load" };
}
