import type { Initiator } from "../../core/hub/index.ts";
import type { ResponsesRequest } from "./schema.ts";

/**
 * PROTOCOL.md §6: the last input item decides. Items without a role (`function_call_output`, `function_call`,
 * `reasoning`, …) and assistant messages continue an agent loop, which Copilot does not bill as a premium request;
 * a user, system or developer message (and a plain string input) is the user's turn.
 */
export function responsesInitiator(request: Pick<ResponsesRequest, "input">): Initiator {
  const input = request.input;
  if (!Array.isArray(input)) return "user";
  const last = input.at(-1);
  if (last === undefined) return "user";
  const role = (last as { role?: unknown }).role;
  if (typeof role !== "string") return "agent";
  return role === "assistant" ? "agent" : "user";
}
