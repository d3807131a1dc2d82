import type { HubFinishReason, HubStreamPart, HubUsage } from "../../core/hub/index.ts";
import { anthropicSse } from "./anthropic-sse.ts";
import { encodeDeltaUsage, encodeUsage } from "./encode-usage.ts";
import { anthropicError, isAnthropicErrorType } from "./error-envelope.ts";
import { mapStopReason } from "./map-stop-reason.ts";
import { messageId } from "./message-id.ts";
import { blockDeltaEvent, blockStartEvent, blockStopEvents, newStreamBlock, type StreamBlock } from "./stream-block.ts";

export interface MessagesStreamEncoderOptions {
  /** The model the client asked for; echoed in message_start. */
  model: string;
  /** Used for message_start's input_tokens when the upstream reports usage only at the end (Chat Completions does). */
  estimatedInputTokens?: number;
}

export interface MessagesStreamEncoder {
  /** One hub part → the SSE text it completes (often "", e.g. while a block waits its turn). Never throws. */
  push(part: HubStreamPart): string;
  /** Ends the stream well-formed: closes open blocks, then message_delta + message_stop unless already ended. */
  flush(): string;
  /** A keep-alive `ping` event ("" once the stream has ended). */
  ping(): string;
}

/**
 * Hub stream parts → Anthropic Messages SSE (https://docs.anthropic.com/en/docs/build-with-claude/streaming).
 * Anthropic blocks cannot interleave, hub blocks can (parallel tool calls): the block opened first stays open and
 * later ones queue with their deltas buffered until it stops, so every block is started, fed and stopped
 * contiguously and no delta is lost. Hub streams that break the rules are repaired rather than rejected: a delta
 * without its start opens a block, a signature for a block already stopped becomes a redacted_thinking block.
 */
export function createMessagesStreamEncoder(options: MessagesStreamEncoderOptions): MessagesStreamEncoder {
  let phase: "idle" | "streaming" | "finished" | "errored" = "idle";
  let nextIndex = 0;
  let syntheticIds = 0;
  let current: StreamBlock | undefined;
  const waiting: StreamBlock[] = [];
  const blocks = new Map<string, StreamBlock>();
  let sawToolUse = false;

  const start = (id?: string, usage?: Partial<HubUsage>): string => {
    if (phase !== "idle") return "";
    phase = "streaming";
    const encoded = encodeUsage(usage ?? {});
    if (usage?.inputTokens === undefined) encoded.input_tokens = options.estimatedInputTokens ?? 0;
    const message = { id: messageId(id), type: "message", role: "assistant", model: options.model, content: [] };
    return anthropicSse("message_start", { message: { ...message, stop_reason: null, stop_sequence: null, usage: encoded } });
  };

  const open = (block: StreamBlock): string => {
    const index = nextIndex++;
    block.index = index;
    if (block.kind === "tool_use") sawToolUse = true;
    let out = blockStartEvent(block, index);
    for (const text of block.buffered) out += blockDeltaEvent(block, index, text);
    block.buffered = [];
    return out;
  };

  const close = (block: StreamBlock): string => {
    block.closed = true;
    if (current === block) current = undefined;
    return blockStopEvents(block, block.index ?? 0);
  };

  /** Opens queued blocks in order; those already ended are written out whole. */
  const drain = (): string => {
    let out = "";
    while (!current && waiting.length > 0) {
      const block = waiting.shift() as StreamBlock;
      out += open(block);
      if (block.ended) out += close(block);
      else current = block;
    }
    return out;
  };

  const closeAll = (): string => {
    let out = current ? close(current) : "";
    for (const block of waiting.splice(0)) out += open(block) + close(block);
    return out;
  };

  const begin = (hubId: string, kind: StreamBlock["kind"], tool?: { toolCallId: string; toolName: string }): StreamBlock => {
    const block = newStreamBlock(hubId, kind, tool);
    blocks.set(hubId, block);
    waiting.push(block);
    return block;
  };

  const delta = (hubId: string, kind: "text" | "thinking" | "tool_use", text: string): string => {
    if (text === "") return "";
    let block = blocks.get(hubId);
    if (!block || block.closed) {
      if (kind === "tool_use") return ""; // A tool call cannot be reopened or named after the fact.
      block = begin(hubId, kind);
    }
    if (block === current) return blockDeltaEvent(block, block.index ?? 0, text);
    block.buffered.push(text);
    return drain();
  };

  const end = (hubId: string): string => {
    const block = blocks.get(hubId);
    if (!block || block.ended) return "";
    block.ended = true;
    return block === current ? close(block) + drain() : "";
  };

  const signature = (hubId: string, value: string): string => {
    const block = blocks.get(hubId);
    if (block && !block.closed && block.kind !== "text" && block.kind !== "tool_use") {
      block.signature = value;
      return "";
    }
    const redacted = begin(`${hubId}#signature-${syntheticIds++}`, "redacted_thinking");
    redacted.signature = value;
    redacted.ended = true;
    return drain();
  };

  const finish = (finishReason: HubFinishReason, stopSequence: string | undefined, usage: Partial<HubUsage>): string => {
    let out = start() + closeAll();
    const reason = sawToolUse && (finishReason === "stop" || finishReason === "other") ? "tool-calls" : finishReason;
    out += anthropicSse("message_delta", { delta: mapStopReason(reason, stopSequence), usage: encodeDeltaUsage(usage) });
    phase = "finished";
    return out + anthropicSse("message_stop");
  };

  const fail = (status: number, type: string, message: string): string => {
    const out = phase === "streaming" ? closeAll() : "";
    phase = "errored";
    const error = anthropicError(status, message);
    if (isAnthropicErrorType(type) && error.message === message) error.type = type;
    return out + anthropicSse("error", { error });
  };

  const step = (part: HubStreamPart): string => {
    if (part.type === "message-start") return start(part.id, part.usage);
    if (part.type === "error") return fail(part.error.status, part.error.type, part.error.message);
    if (part.type === "message-end") return finish(part.finishReason, part.stopSequence, part.usage);
    const opening = start();
    switch (part.type) {
      case "text-start":
      case "reasoning-start":
      case "tool-call-start": {
        const existing = blocks.get(part.id);
        if (existing && !existing.closed) return opening;
        if (part.type === "text-start") begin(part.id, "text");
        else if (part.type === "reasoning-start") begin(part.id, part.redacted ? "redacted_thinking" : "thinking");
        else begin(part.id, "tool_use", { toolCallId: part.toolCallId, toolName: part.toolName });
        return opening + drain();
      }
      case "text-delta":
        return opening + delta(part.id, "text", part.delta);
      case "reasoning-delta":
        return opening + delta(part.id, "thinking", part.delta);
      case "tool-call-delta":
        return opening + delta(part.id, "tool_use", part.inputDelta);
      case "reasoning-signature":
        return opening + signature(part.id, part.signature);
      default:
        return opening + end(part.id);
    }
  };

  /** Translation must not take the client's stream down: an internal failure becomes an error event. */
  const guarded = (run: () => string): string => {
    if (phase === "finished" || phase === "errored") return "";
    try {
      return run();
    } catch (error) {
      phase = "errored";
      return anthropicSse("error", { error: { type: "api_error", message: `Stream translation failed: ${String(error)}` } });
    }
  };

  return {
    push: (part) => guarded(() => step(part)),
    flush: () => guarded(() => finish("other", undefined, {})),
    ping: () => (phase === "finished" || phase === "errored" ? "" : anthropicSse("ping")),
  };
}
