import { argumentPieces } from "./chat-stream";
import type { ChatPlan } from "./chat-script";
import { truncatedFrame } from "./malformed-frame";
import {
  finalStatus, functionCallId, functionCallItem, messageId, messageItem, outputItems, outputText, reasoningId,
  reasoningItem, responseObject, responseUsage, type ResponsesMeta,
} from "./responses-object";

type Json = Record<string, unknown>;

/** Events without sequence numbers, and where a cut directive stops the stream (after two text deltas). */
interface Script {
  events: Json[];
  cutAt: number;
}

function script(plan: ChatPlan, meta: ResponsesMeta): Script {
  const started = responseObject(meta, "in_progress", [], null);
  const events: Json[] = [
    { type: "response.created", response: started },
    { type: "response.in_progress", response: started },
  ];
  let cutAt = events.length;
  let outputIndex = 0;
  const item = (added: Json, body: () => void, done: Json): void => {
    events.push({ type: "response.output_item.added", output_index: outputIndex, item: added });
    body();
    events.push({ type: "response.output_item.done", output_index: outputIndex, item: done });
    outputIndex += 1;
  };

  if (plan.reasoning !== undefined) {
    const at = { item_id: reasoningId(meta), output_index: outputIndex, summary_index: 0 };
    const done = reasoningItem(plan, meta, true);
    const text = plan.reasoning.text.join("");
    item(reasoningItem(plan, meta, false), () => {
      events.push({ type: "response.reasoning_summary_part.added", ...at, part: { type: "summary_text", text: "" } });
      for (const delta of plan.reasoning?.text ?? []) {
        events.push({ type: "response.reasoning_summary_text.delta", ...at, delta });
      }
      events.push({ type: "response.reasoning_summary_text.done", ...at, text });
      events.push({ type: "response.reasoning_summary_part.done", ...at, part: { type: "summary_text", text } });
    }, done);
    cutAt = events.length;
  }
  if (plan.pieces.length > 0) {
    const at = { item_id: messageId(meta), output_index: outputIndex, content_index: 0 };
    const text = plan.pieces.join("");
    item(messageItem(plan, meta, "in_progress"), () => {
      events.push({ type: "response.content_part.added", ...at, part: outputText("") });
      plan.pieces.forEach((delta, i) => {
        events.push({ type: "response.output_text.delta", ...at, delta, logprobs: [] });
        if (i < 2) cutAt = events.length;
      });
      events.push({ type: "response.output_text.done", ...at, text, logprobs: [] });
      events.push({ type: "response.content_part.done", ...at, part: outputText(text) });
    }, messageItem(plan, meta, finalStatus(plan)));
  }
  for (const call of plan.toolCalls) {
    const at = { item_id: functionCallId(call), output_index: outputIndex };
    item(functionCallItem(call, false), () => {
      for (const delta of argumentPieces(call.arguments)) {
        events.push({ type: "response.function_call_arguments.delta", ...at, delta });
      }
      events.push({ type: "response.function_call_arguments.done", ...at, name: call.name, arguments: call.arguments });
    }, functionCallItem(call, true));
  }
  const status = finalStatus(plan);
  const finished = responseObject(meta, status, outputItems(plan, meta), responseUsage(plan, meta));
  events.push({ type: status === "completed" ? "response.completed" : "response.incomplete", response: finished });
  return { events, cutAt };
}

function frame(event: Json): string {
  return `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The frames of a Responses stream: `event:` + `data:` per event, each with `type` and `sequence_number`
 * (from 0). [[midstream-error]] stops after two text deltas (the caller breaks the connection); [[malformed]]
 * adds half a JSON `data:` line there; [[failed]] adds `response.failed` there. `done` appends `data: [DONE]`
 * to streams that end with a response event (Copilot's /responses streams carry none by default).
 */
export function responsesFrames(plan: ChatPlan, meta: ResponsesMeta, done: boolean): string[] {
  const { events, cutAt } = script(plan, meta);
  const cut = plan.midstreamError || plan.malformed || plan.failed;
  const sent = cut ? events.slice(0, cutAt) : events;
  if (plan.failed && !plan.midstreamError && !plan.malformed) {
    sent.push({ type: "response.failed", response: responseObject(meta, "failed", [], null) });
  }
  const numbered = sent.map(({ type, ...rest }, sequence) => ({ type, sequence_number: sequence, ...rest }));
  const frames = numbered.map(frame);
  if (plan.malformed) {
    const delta = {
      type: "response.output_text.delta",
      sequence_number: numbered.length,
      item_id: messageId(meta),
      output_index: plan.reasoning === undefined ? 0 : 1,
      content_index: 0,
      delta: "malformed",
      logprobs: [],
    };
    frames.push(truncatedFrame(delta, "response.output_text.delta"));
    return frames;
  }
  if (done && !plan.midstreamError) frames.push("data: [DONE]\n\n");
  return frames;
}
