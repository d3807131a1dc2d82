import type { OllamaChatRequest, OllamaGenerateRequest } from "./schema.ts";

/** Copilot wants `copilot-vision-request: true` exactly when an image is present (PROTOCOL.md §4). */
export function ollamaChatHasImage(body: Pick<OllamaChatRequest, "messages">): boolean {
  return (body.messages ?? []).some((message) => (message.images?.length ?? 0) > 0);
}

export function ollamaGenerateHasImage(body: Pick<OllamaGenerateRequest, "images">): boolean {
  return (body.images?.length ?? 0) > 0;
}
