import { customToolCallItem, customToolInput, functionCallItem, type ItemStatus, messageItem, outputText, reasoningItem } from "./output-items.ts";

/** One output item of a Responses stream, as the stream encoder tracks it. */
export interface StreamItem {
  kind: "message" | "function_call" | "custom_tool_call" | "reasoning";
  id: string;
  outputIndex: number;
  /** `"item_id":…,"output_index":…` serialised once: every delta event carries it. */
  whereFields: string;
  /** The message text, the call's arguments, or the reasoning summary, so far. */
  text: string;
  callId: string;
  name: string;
  signature?: string;
  /** A reasoning item's summary part has been announced. */
  summaryOpen: boolean;
  done: boolean;
}

/** An event's type and payload: an object, or its fields pre-serialised without braces (see responsesSse). */
export type StreamEvent = [type: string, payload: Record<string, unknown> | string];

export function newStreamItem(
  kind: StreamItem["kind"],
  id: string,
  outputIndex: number,
  tool?: { toolCallId: string; toolName: string },
): StreamItem {
  return { kind, id, outputIndex, whereFields: `"item_id":${JSON.stringify(id)},"output_index":${outputIndex}`, text: "", callId: tool?.toolCallId ?? "", name: tool?.toolName ?? "", summaryOpen: false, done: false };
}

/** The item as it stands: in progress while open, complete once closed (or `incomplete` when a stream failed). */
export function itemSnapshot(item: StreamItem, status: ItemStatus = item.done ? "completed" : "in_progress"): unknown {
  switch (item.kind) {
    case "message":
      return messageItem(item.id, item.text, status);
    case "function_call":
      return functionCallItem(item.id, item.callId, item.name, item.text, status);
    case "custom_tool_call":
      return customToolCallItem(item.id, item.callId, item.name, item.done ? customToolInput(item.text) : "");
    case "reasoning":
      return reasoningItem(item.id, item.text, item.signature);
  }
}

const where = (item: StreamItem) => ({ item_id: item.id, output_index: item.outputIndex });

export function openEvents(item: StreamItem): StreamEvent[] {
  const added: StreamEvent = ["response.output_item.added", { output_index: item.outputIndex, item: itemSnapshot(item) }];
  if (item.kind !== "message") return [added];
  return [added, ["response.content_part.added", { ...where(item), content_index: 0, part: outputText("") }]];
}

/** A message's text delta, as the fields of its response.output_text.delta event (the commonest event of all). */
export function messageDelta(item: StreamItem, delta: string): string {
  item.text += delta;
  return `${item.whereFields},"content_index":0,"delta":${JSON.stringify(delta)},"logprobs":[]`;
}

/**
 * A delta for an open item. A custom tool's hub arguments are JSON (`{"input": …}`) while its wire deltas are the
 * raw text, so they are held until the call ends and sent as one delta.
 */
export function deltaEvents(item: StreamItem, delta: string): StreamEvent[] {
  if (item.kind === "message") return [["response.output_text.delta", messageDelta(item, delta)]];
  item.text += delta;
  switch (item.kind) {
    case "function_call":
      return [["response.function_call_arguments.delta", `${item.whereFields},"delta":${JSON.stringify(delta)}`]];
    case "custom_tool_call":
      return [];
    case "reasoning": {
      const events: StreamEvent[] = [];
      if (!item.summaryOpen) {
        item.summaryOpen = true;
        events.push(["response.reasoning_summary_part.added", { ...where(item), summary_index: 0, part: { type: "summary_text", text: "" } }]);
      }
      events.push(["response.reasoning_summary_text.delta", `${item.whereFields},"summary_index":0,"delta":${JSON.stringify(delta)}`]);
      return events;
    }
  }
}

/** The `.done` events of an item, ending with output_item.done carrying the complete item. */
export function closeEvents(item: StreamItem): StreamEvent[] {
  const events: StreamEvent[] = [];
  switch (item.kind) {
    case "message":
      events.push(["response.output_text.done", { ...where(item), content_index: 0, text: item.text, logprobs: [] }]);
      events.push(["response.content_part.done", { ...where(item), content_index: 0, part: outputText(item.text) }]);
      break;
    case "function_call":
      // Clients JSON-parse the arguments; a call to a tool without parameters may have streamed none.
      if (item.text === "") events.push(...deltaEvents(item, "{}"));
      events.push(["response.function_call_arguments.done", { ...where(item), name: item.name, arguments: item.text }]);
      break;
    case "custom_tool_call": {
      const input = customToolInput(item.text);
      if (input !== "") events.push(["response.custom_tool_call_input.delta", { ...where(item), delta: input }]);
      events.push(["response.custom_tool_call_input.done", { ...where(item), input }]);
      break;
    }
    case "reasoning":
      if (item.summaryOpen) {
        events.push(["response.reasoning_summary_text.done", { ...where(item), summary_index: 0, text: item.text }]);
        events.push(["response.reasoning_summary_part.done", { ...where(item), summary_index: 0, part: { type: "summary_text", text: item.text } }]);
      }
      break;
  }
  item.done = true;
  events.push(["response.output_item.done", { output_index: item.outputIndex, item: itemSnapshot(item) }]);
  return events;
}
