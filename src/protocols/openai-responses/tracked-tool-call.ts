import type { HubStreamPart } from "../../core/hub/index.ts";
import { stringField } from "./is-record.ts";

/** One function (or custom tool) call of a Responses stream, as the stream decoder tracks it. */
export interface TrackedToolCall {
  hubId: string;
  custom: boolean;
  callId: string;
  name: string;
  started: boolean;
  ended: boolean;
  /** Argument deltas, used only when no `.done` event brings the arguments whole. */
  buffered: string;
}

export function newTrackedToolCall(hubId: string, item: Record<string, unknown>): TrackedToolCall {
  return {
    hubId,
    custom: item.type === "custom_tool_call",
    callId: stringField(item, "call_id") ?? "",
    name: stringField(item, "name") ?? "",
    started: false,
    ended: false,
    buffered: "",
  };
}

/** Emits tool-call-start, once. */
export function startToolCall(tool: TrackedToolCall, emit: (part: HubStreamPart) => void): void {
  if (tool.started) return;
  tool.started = true;
  emit({ type: "tool-call-start", id: tool.hubId, toolCallId: tool.callId || `call_${tool.hubId}`, toolName: tool.name });
}

/**
 * Sends the call's arguments as one delta and ends it: the `.done` arguments when given, else the buffered deltas
 * (a custom tool's raw input wrapped as the hub's `{"input": …}`). A call that never started starts first, named by
 * the `.done` event.
 */
export function finishToolCall(
  tool: TrackedToolCall,
  emit: (part: HubStreamPart) => void,
  argumentsText?: string,
  name?: string,
  callId?: string,
): void {
  if (tool.ended) return;
  if (!tool.started) {
    if (name) tool.name = name;
    if (callId) tool.callId = callId;
    startToolCall(tool, emit);
  }
  let text = argumentsText ?? "";
  if (text === "") text = tool.custom && tool.buffered !== "" ? JSON.stringify({ input: tool.buffered }) : tool.buffered;
  if (text !== "") emit({ type: "tool-call-delta", id: tool.hubId, inputDelta: text });
  tool.ended = true;
  emit({ type: "tool-call-end", id: tool.hubId });
}
