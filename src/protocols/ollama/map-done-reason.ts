import type { HubFinishReason } from "../../core/hub/index.ts";

/**
 * Ollama's `done_reason`: "length" when the output limit cut the answer, else "stop" (Ollama says "stop" after tool
 * calls too; "load" and "unload" belong to requests without a prompt).
 */
export function mapDoneReason(reason: HubFinishReason): "stop" | "length" {
  return reason === "length" ? "length" : "stop";
}

/**
 * An upstream's `done_reason` → the hub's finish reason. Ollama says "stop" after tool calls, so an answer that
 * called tools ends with "tool-calls" (clients run tools on it). Older versions leave the field out of a normal end.
 */
export function finishReasonFromDone(doneReason: unknown, calledTools: boolean): HubFinishReason {
  let reason: HubFinishReason;
  if (doneReason === "length") reason = "length";
  else if (doneReason === undefined || doneReason === null || doneReason === "" || doneReason === "stop" || doneReason === "load" || doneReason === "unload") reason = "stop";
  else reason = "other";
  return calledTools && reason !== "length" ? "tool-calls" : reason;
}
