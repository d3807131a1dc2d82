import type { Initiator } from "../../core/hub/index.ts";
import type { ChatMessage } from "./schema.ts";

/**
 * PROTOCOL.md §6: a turn whose last message is the assistant's or a tool result continues an agent loop and is
 * not billed as a premium request; anything else is the user's.
 */
export function chatInitiator(messages: readonly ChatMessage[]): Initiator {
  const role = messages.at(-1)?.role;
  return role === "assistant" || role === "tool" || role === "function" ? "agent" : "user";
}
