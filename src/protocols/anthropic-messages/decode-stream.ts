import type { HubStreamPart } from "../../core/hub/index.ts";
import type { StreamDecoder } from "../dialect.ts";
import { guardedDecoder } from "../guarded-decoder.ts";
import { decodeMessagesStreamError } from "./decode-stream-error.ts";
import { type AnthropicCounters, decodeAnthropicUsage, readAnthropicCounters } from "./decode-usage.ts";
import { isRecord, stringField } from "./is-record.ts";
import { mapAnthropicStopReason } from "./map-stop-reason.ts";

type BlockKind = "text" | "reasoning" | "tool";
type Part = HubStreamPart;

/**
 * Anthropic Messages SSE payloads → hub stream parts. Anthropic blocks are contiguous and numbered, so each block
 * index becomes one hub block (`text-0`, `reasoning-1`, `tool-2`, …). The stop reason and the output tokens come
 * in message_delta, so message-end waits for message_stop (or flush). Block kinds the hub has no part for
 * (server-tool traffic) are skipped together with their deltas. Never throws: a payload that breaks the reader
 * becomes an error part.
 */
export function createMessagesStreamDecoder(): StreamDecoder {
  let started = false;
  let done = false;
  const open = new Map<number, { id: string; kind: BlockKind }>();
  let counters: AnthropicCounters = {};
  let stopReason: string | undefined;
  let stopSequence: string | undefined;

  const ensureStarted = (out: Part[], message: Record<string, unknown> = {}) => {
    if (started) return;
    started = true;
    counters = { ...counters, ...readAnthropicCounters(message.usage) };
    const { outputTokens: _, ...usage } = decodeAnthropicUsage(counters);
    out.push({
      type: "message-start",
      id: stringField(message, "id") ?? "",
      model: stringField(message, "model") ?? "",
      ...(Object.keys(usage).length > 0 ? { usage } : {}),
    });
  };

  const endBlock = (index: number, out: Part[]) => {
    const block = open.get(index);
    if (!block) return;
    open.delete(index);
    out.push({ type: block.kind === "text" ? "text-end" : block.kind === "reasoning" ? "reasoning-end" : "tool-call-end", id: block.id });
  };
  const endAll = (out: Part[]) => {
    for (const index of [...open.keys()].sort((a, b) => a - b)) endBlock(index, out);
  };

  const openBlock = (index: number, kind: BlockKind): string => {
    const id = `${kind}-${index}`;
    open.set(index, { id, kind });
    return id;
  };

  const startBlock = (index: number, block: Record<string, unknown>, out: Part[]) => {
    endBlock(index, out);
    switch (block.type) {
      case "text": {
        const id = openBlock(index, "text");
        out.push({ type: "text-start", id });
        const text = stringField(block, "text");
        if (text) out.push({ type: "text-delta", id, delta: text });
        break;
      }
      case "thinking":
      case "redacted_thinking": {
        const redacted = block.type === "redacted_thinking";
        const id = openBlock(index, "reasoning");
        out.push({ type: "reasoning-start", id, ...(redacted ? { redacted: true } : {}) });
        const thinking = stringField(block, "thinking");
        if (thinking) out.push({ type: "reasoning-delta", id, delta: thinking });
        const signature = stringField(block, redacted ? "data" : "signature");
        if (signature) out.push({ type: "reasoning-signature", id, signature });
        break;
      }
      case "tool_use": {
        const id = openBlock(index, "tool");
        out.push({ type: "tool-call-start", id, toolCallId: stringField(block, "id") ?? "", toolName: stringField(block, "name") ?? "" });
        // Anthropic starts with `input: {}` and streams the JSON; an input given up front is the whole of it.
        if (isRecord(block.input) && Object.keys(block.input).length > 0) out.push({ type: "tool-call-delta", id, inputDelta: JSON.stringify(block.input) });
        break;
      }
    }
  };

  const readDelta = (index: number, delta: Record<string, unknown>, out: Part[]) => {
    let block = open.get(index);
    const implied: BlockKind | undefined = delta.type === "text_delta" ? "text" : delta.type === "thinking_delta" ? "reasoning" : undefined;
    // A text or thinking delta without its block start opens one rather than being lost.
    if (!block && implied) {
      const id = openBlock(index, implied);
      out.push(implied === "text" ? { type: "text-start", id } : { type: "reasoning-start", id });
      block = open.get(index);
    }
    if (!block) return;
    const text = (key: string) => stringField(delta, key) ?? "";
    if (delta.type === "text_delta" && block.kind === "text" && text("text") !== "") out.push({ type: "text-delta", id: block.id, delta: text("text") });
    else if (delta.type === "thinking_delta" && block.kind === "reasoning" && text("thinking") !== "") {
      out.push({ type: "reasoning-delta", id: block.id, delta: text("thinking") });
    } else if (delta.type === "signature_delta" && block.kind === "reasoning" && text("signature") !== "") {
      out.push({ type: "reasoning-signature", id: block.id, signature: text("signature") });
    } else if (delta.type === "input_json_delta" && block.kind === "tool" && text("partial_json") !== "") {
      out.push({ type: "tool-call-delta", id: block.id, inputDelta: text("partial_json") });
    }
  };

  const end = (out: Part[]) => {
    endAll(out);
    out.push({
      type: "message-end",
      finishReason: mapAnthropicStopReason(stopReason),
      ...(stopSequence ? { stopSequence } : {}),
      usage: decodeAnthropicUsage(counters),
    });
    done = true;
  };

  const step = (payload: unknown): Part[] => {
    const out: Part[] = [];
    if (done || !isRecord(payload)) return out;
    const index = typeof payload.index === "number" ? payload.index : 0;
    switch (payload.type) {
      case "message_start":
        ensureStarted(out, isRecord(payload.message) ? payload.message : {});
        break;
      case "content_block_start":
        ensureStarted(out);
        if (isRecord(payload.content_block)) startBlock(index, payload.content_block, out);
        break;
      case "content_block_delta":
        ensureStarted(out);
        if (isRecord(payload.delta)) readDelta(index, payload.delta, out);
        break;
      case "content_block_stop":
        endBlock(index, out);
        break;
      case "message_delta": {
        const delta = isRecord(payload.delta) ? payload.delta : {};
        stopReason = stringField(delta, "stop_reason") ?? stopReason;
        stopSequence = stringField(delta, "stop_sequence") ?? stopSequence;
        counters = { ...counters, ...readAnthropicCounters(payload.usage) };
        break;
      }
      case "message_stop":
        ensureStarted(out);
        end(out);
        break;
      case "error":
        endAll(out);
        out.push(decodeMessagesStreamError(payload.error));
        done = true;
        break;
    }
    return out;
  };

  return guardedDecoder({
    step,
    finished: () => done || !started,
    fail: () => {
      done = true;
    },
    end: (out) => end(out),
  });
}
