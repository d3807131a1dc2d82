import type { ChatMessage } from "./schema.ts";

/** Copilot wants `copilot-vision-request: true` exactly when an image is present (PROTOCOL.md §4). */
export function chatHasImage(messages: readonly ChatMessage[]): boolean {
  for (const message of messages) {
    if (!Array.isArray(message.content)) continue;
    for (const part of message.content) if (part.type === "image_url" || part.type === "input_image") return true;
  }
  return false;
}
