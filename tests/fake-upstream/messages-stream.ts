import { argumentPieces } from "./chat-stream";
import type { ChatPlan } from "./chat-script";
import { truncatedFrame } from "./malformed-frame";
import { contentBlocks, messageUsage, outputTokens, stopReason } from "./messages-plan";

export interface MessageMeta {
  id: string;
  model: string;
  inputTokens: number;
}

function event(type: string, data: Record<string, unknown> = {}): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

/**
 * The frames of an Anthropic Messages stream for a plan, ending like Copilot's with an extra
 * `data: [DONE]` after message_stop. [[midstream-error]] stops after two text deltas; [[malformed]] adds a
 * half-JSON `data:` line there and closes.
 */
export function messageFrames(plan: ChatPlan, meta: MessageMeta): string[] {
  const message = {
    id: meta.id,
    type: "message",
    role: "assistant",
    model: meta.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: messageUsage(meta.inputTokens, 1),
  };
  const frames = [event("message_start", { message }), event("ping")];
  let index = 0;
  const block = (start: Record<string, unknown>, deltas: Record<string, unknown>[], close = true): void => {
    frames.push(event("content_block_start", { index, content_block: start }));
    for (const delta of deltas) frames.push(event("content_block_delta", { index, delta }));
    if (close) frames.push(event("content_block_stop", { index }));
    index += 1;
  };

  if (plan.reasoning !== undefined) {
    const thinking = plan.reasoning.text.map((t) => ({ type: "thinking_delta", thinking: t }));
    const signature = { type: "signature_delta", signature: plan.reasoning.opaque };
    block({ type: "thinking", thinking: "", signature: "" }, [...thinking, signature]);
  }
  const cut = plan.midstreamError || plan.malformed;
  const pieces = cut ? plan.pieces.slice(0, 2) : plan.pieces;
  if (pieces.length > 0) {
    block({ type: "text", text: "" }, pieces.map((text) => ({ type: "text_delta", text })), !cut);
  }
  if (plan.malformed) {
    const delta = { type: "text_delta", text: "malformed" };
    const broken = { type: "content_block_delta", index: Math.max(0, index - 1), delta };
    frames.push(truncatedFrame(broken, "content_block_delta"));
  }
  if (cut) return frames;

  for (const call of plan.toolCalls) {
    const deltas = argumentPieces(call.arguments).map((p) => ({ type: "input_json_delta", partial_json: p }));
    block({ type: "tool_use", id: call.id, name: call.name, input: {} }, deltas);
  }
  const delta = { stop_reason: stopReason(plan), stop_sequence: null };
  frames.push(event("message_delta", { delta, usage: { output_tokens: outputTokens(plan) } }));
  frames.push(event("message_stop"));
  frames.push("data: [DONE]\n\n");
  return frames;
}

/** The non-streamed Anthropic message for a plan. */
export function messageObject(plan: ChatPlan, meta: MessageMeta): Record<string, unknown> {
  return {
    id: meta.id,
    type: "message",
    role: "assistant",
    model: meta.model,
    content: contentBlocks(plan),
    stop_reason: stopReason(plan),
    stop_sequence: null,
    usage: messageUsage(meta.inputTokens, outputTokens(plan)),
  };
}
