import type { Initiator } from "../../core/hub/index.ts";
import type { OllamaChatRequest } from "./schema.ts";

/**
 * PROTOCOL.md §6: a turn that continues after a tool result (last message `tool`) or an assistant prefill (last
 * message `assistant`) is agent work; otherwise the person asked. System messages are instructions, not turns.
 */
export function ollamaChatInitiator(body: Pick<OllamaChatRequest, "messages">): Initiator {
  const last = (body.messages ?? []).filter((message) => message.role !== "system").at(-1);
  return last?.role === "assistant" || last?.role === "tool" ? "agent" : "user";
}

/** `/api/generate` is a single prompt typed (or sent) on the person's behalf: always a user turn. */
export function ollamaGenerateInitiator(): Initiator {
  return "user";
}
