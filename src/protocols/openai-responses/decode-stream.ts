import type { HubStreamPart } from "../../core/hub/index.ts";
import type { StreamDecoder } from "../dialect.ts";
import { decodeReasoningItem } from "./decode-input.ts";
import { decodeResponsesError } from "./decode-stream-error.ts";
import { decodeResponsesUsage } from "./decode-usage.ts";
import { isRecord, stringField } from "./is-record.ts";
import { finishReasonOf } from "./map-status.ts";
import { createOutputTracker } from "./output-tracker.ts";

/** What an event that adds no part returns: one shared, frozen list. */
const NONE = Object.freeze([]) as unknown as HubStreamPart[];

/**
 * Copilot /responses SSE payloads → hub stream parts. Copilot gives every event of one item a different
 * `item_id` (a fresh encrypted blob each time; litellm#30071, opencode#9124), so items are keyed by
 * `output_index`, which is stable, as Copilot's own client does. Function-call arguments are taken whole from the
 * `.done` events: Copilot has sent obfuscated argument deltas whose plaintext only the `.done` event carries
 * (opencodex#995), and its own client reads the arguments from output_item.done too; the buffered deltas are the
 * fallback. Text and reasoning stream delta by delta. Never throws.
 */
export function createResponsesStreamDecoder(): StreamDecoder {
  let started = false;
  let done = false;
  let out: HubStreamPart[] = [];
  const tracker = createOutputTracker((part) => out.push(part));

  const start = (response: unknown) => {
    if (started) return;
    started = true;
    const fields = isRecord(response) ? response : {};
    const usage = decodeResponsesUsage(fields.usage);
    out.push({ type: "message-start", id: stringField(fields, "id") ?? "", model: stringField(fields, "model") ?? "", ...(usage ? { usage } : {}) });
  };

  const end = (response: Record<string, unknown>) => {
    tracker.closeAll();
    const output = Array.isArray(response.output) ? response.output : [];
    const isCall = (item: unknown) => isRecord(item) && (item.type === "function_call" || item.type === "custom_tool_call");
    const madeToolCall = tracker.sawToolCall() || output.some(isCall);
    out.push({ type: "message-end", finishReason: finishReasonOf(response, madeToolCall), usage: decodeResponsesUsage(response.usage) ?? {} });
    done = true;
  };

  const fail = (error: unknown) => {
    tracker.closeAll();
    out.push(decodeResponsesError(error));
    done = true;
  };

  const step = (event: Record<string, unknown>) => {
    const type = event.type;
    const response = isRecord(event.response) ? event.response : undefined;
    if (type === "error") {
      start(undefined);
      return fail(isRecord(event.error) ? event.error : { code: event.code, message: event.message });
    }
    start(response);
    const key = typeof event.output_index === "number" ? event.output_index : stringField(event, "item_id") ?? "";
    const item = isRecord(event.item) ? event.item : {};
    const contentIndex = typeof event.content_index === "number" ? event.content_index : 0;
    const text = (field: string) => stringField(event, field) ?? "";
    // Content parts of a reasoning item (`reasoning_text`) are not message text; their deltas come as reasoning.
    const part = isRecord(event.part) ? event.part : {};
    const messagePart = part.type === "output_text" || part.type === "refusal";
    switch (type) {
      case "response.completed":
      case "response.incomplete":
        return end(response ?? {});
      case "response.failed":
        return fail(response && isRecord(response.error) ? response.error : { message: "The upstream response failed" });
      case "response.output_item.added":
        return tracker.added(key, item);
      case "response.output_item.done":
        return tracker.itemDone(key, item, decodeReasoningItem(item));
      case "response.content_part.added":
        return messagePart ? tracker.textStart(key, contentIndex) : undefined;
      case "response.output_text.delta":
      case "response.refusal.delta":
        return tracker.textDelta(key, contentIndex, text("delta"));
      case "response.output_text.done":
        return tracker.textEnd(key, contentIndex, text("text"));
      case "response.refusal.done":
        return tracker.textEnd(key, contentIndex, text("refusal"));
      case "response.content_part.done":
        return messagePart ? tracker.textEnd(key, contentIndex, stringField(part, "text") ?? stringField(part, "refusal") ?? "") : undefined;
      case "response.function_call_arguments.delta":
      case "response.custom_tool_call_input.delta":
        return tracker.toolDelta(key, text("delta"));
      case "response.function_call_arguments.done":
        return tracker.toolEnd(key, stringField(event, "arguments"), stringField(event, "name"));
      case "response.custom_tool_call_input.done":
        return tracker.toolEnd(key, JSON.stringify({ input: text("input") }), stringField(event, "name"));
      case "response.reasoning_summary_text.delta":
      case "response.reasoning_text.delta": {
        const index = typeof event.summary_index === "number" ? event.summary_index : contentIndex;
        return tracker.reasoningDelta(key, `${String(type)}:${index}`, text("delta"));
      }
    }
  };

  // Most events add nothing or one part: a shared empty answer, else the parts so far (and a fresh list).
  const drain = (): HubStreamPart[] => {
    if (out.length === 0) return NONE;
    const parts = out;
    out = [];
    return parts;
  };

  return {
    push(payload) {
      if (done || !isRecord(payload)) return [];
      try {
        step(payload);
        return drain();
      } catch (error) {
        done = true;
        const message = `Could not read the upstream stream: ${String(error)}`;
        return [...drain(), { type: "error", error: { status: 500, type: "api_error", message } }];
      }
    },
    flush() {
      if (done || !started) return [];
      tracker.closeAll();
      out.push({ type: "message-end", finishReason: tracker.sawToolCall() ? "tool-calls" : "other", usage: {} });
      done = true;
      return drain();
    },
  };
}
