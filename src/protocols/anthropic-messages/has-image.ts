import { isRecord } from "./is-record.ts";
import type { MessagesMessage } from "./schema.ts";

/**
 * Copilot wants `copilot-vision-request: true` exactly when an image is present (PROTOCOL.md §4), and images
 * hide inside `tool_result` content too (screenshots, Read on a PNG).
 */
export function messagesHasImage(messages: readonly MessagesMessage[]): boolean {
  for (const message of messages) {
    if (typeof message.content === "string") continue;
    for (const block of message.content) {
      if (block.type === "image") return true;
      if (block.type !== "tool_result") continue;
      const inner = block.content;
      if (Array.isArray(inner) && inner.some((item) => isRecord(item) && item.type === "image")) return true;
    }
  }
  return false;
}
