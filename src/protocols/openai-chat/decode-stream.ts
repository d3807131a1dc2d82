import type { HubFinishReason, HubStreamPart, HubUsage } from "../../core/hub/index.ts";
import { decodeStreamError } from "./decode-stream-error.ts";
import { decodeUsage } from "./decode-usage.ts";
import { isRecord } from "./is-record.ts";
import { mapFinishReason } from "./map-finish-reason.ts";
import { guardedDecoder } from "../guarded-decoder.ts";

export interface ChatStreamDecoder {
  /** One parsed `data:` JSON of a chat.completion.chunk stream → hub parts. Never throws. */
  push(chunk: unknown): HubStreamPart[];
  /** At `[DONE]` or end of body: closes open blocks and ends the message if the upstream did not. */
  flush(): HubStreamPart[];
}

interface ToolCallState {
  blockId: string;
  toolCallId: string;
  open: boolean;
}

/**
 * Chat Completions chunks → hub stream parts. Text, reasoning (Copilot's `reasoning_text` / `reasoning_opaque`)
 * and tool calls are blocks; a block ends when the kind switches. Tool calls stay open together until the end,
 * keyed by `tool_calls[].index`, because parallel calls may interleave; a new `id` at a known index starts a new
 * call (Copilot has reused index 0 for several calls). Usage comes with the finish chunk or in a later chunk
 * with empty choices (`stream_options.include_usage`), so message-end waits for usage that arrives with or after
 * the finish reason, and flush ends the message with what is known if it never comes.
 */
export function createChatStreamDecoder(): ChatStreamDecoder {
  let started = false;
  let done = false;
  let blockCount = 0;
  let textId: string | undefined;
  let reasoningId: string | undefined;
  const toolCalls = new Map<number, ToolCallState>();
  let sawToolCall = false;
  let finishReason: HubFinishReason | undefined;
  let usage: Partial<HubUsage> | undefined;
  let usageAfterFinish = false;

  const newId = (kind: string) => `${kind}-${blockCount++}`;

  const closeText = (out: HubStreamPart[]) => {
    if (textId !== undefined) out.push({ type: "text-end", id: textId });
    textId = undefined;
  };
  const closeReasoning = (out: HubStreamPart[]) => {
    if (reasoningId !== undefined) out.push({ type: "reasoning-end", id: reasoningId });
    reasoningId = undefined;
  };
  const closeToolCalls = (out: HubStreamPart[]) => {
    for (const call of toolCalls.values()) {
      if (call.open) out.push({ type: "tool-call-end", id: call.blockId });
      call.open = false;
    }
  };

  const openReasoning = (out: HubStreamPart[]): string => {
    if (reasoningId !== undefined) return reasoningId;
    closeText(out);
    closeToolCalls(out);
    reasoningId = newId("reasoning");
    out.push({ type: "reasoning-start", id: reasoningId });
    return reasoningId;
  };

  const readToolCall = (call: Record<string, unknown>, position: number, out: HubStreamPart[]) => {
    const index = typeof call.index === "number" ? call.index : position;
    const fn = isRecord(call.function) ? call.function : {};
    const id = typeof call.id === "string" && call.id !== "" ? call.id : undefined;
    let state = toolCalls.get(index);
    if (!state || (id !== undefined && id !== state.toolCallId)) {
      if (state?.open) out.push({ type: "tool-call-end", id: state.blockId });
      closeText(out);
      closeReasoning(out);
      const blockId = newId("tool");
      state = { blockId, toolCallId: id ?? `call_${blockId}`, open: true };
      toolCalls.set(index, state);
      sawToolCall = true;
      out.push({ type: "tool-call-start", id: blockId, toolCallId: state.toolCallId, toolName: typeof fn.name === "string" ? fn.name : "" });
    }
    // Arguments for a call already closed (text came in between) have no block left to go to.
    if (state.open && typeof fn.arguments === "string" && fn.arguments !== "") {
      out.push({ type: "tool-call-delta", id: state.blockId, inputDelta: fn.arguments });
    }
  };

  const readChoice = (choice: Record<string, unknown>, out: HubStreamPart[]) => {
    const delta = isRecord(choice.delta) ? choice.delta : isRecord(choice.message) ? choice.message : {};
    if (typeof delta.reasoning_text === "string" && delta.reasoning_text !== "") {
      out.push({ type: "reasoning-delta", id: openReasoning(out), delta: delta.reasoning_text });
    }
    // The signature normally ends the reasoning it belongs to; alone, it opens an (empty) reasoning block to carry it.
    if (typeof delta.reasoning_opaque === "string" && delta.reasoning_opaque !== "") {
      out.push({ type: "reasoning-signature", id: openReasoning(out), signature: delta.reasoning_opaque });
    }
    if (typeof delta.content === "string" && delta.content !== "") {
      if (textId === undefined) {
        closeReasoning(out);
        closeToolCalls(out);
        textId = newId("text");
        out.push({ type: "text-start", id: textId });
      }
      out.push({ type: "text-delta", id: textId, delta: delta.content });
    }
    if (Array.isArray(delta.tool_calls)) {
      delta.tool_calls.forEach((call, position) => {
        if (isRecord(call)) readToolCall(call, position, out);
      });
    }
    if (typeof choice.finish_reason === "string") {
      const reason = mapFinishReason(choice.finish_reason);
      if (finishReason === undefined || reason === "tool-calls") finishReason = reason;
    }
  };

  const end = (out: HubStreamPart[]) => {
    closeReasoning(out);
    closeText(out);
    closeToolCalls(out);
    let reason = finishReason ?? "other";
    // Copilot has ended tool-call turns with "stop"; clients decide whether to run tools from this reason.
    if (sawToolCall && (reason === "stop" || reason === "other")) reason = "tool-calls";
    out.push({ type: "message-end", finishReason: reason, usage: usage ?? {} });
    done = true;
  };

  const step = (chunk: unknown): HubStreamPart[] => {
    const out: HubStreamPart[] = [];
    if (done || !isRecord(chunk)) return out;
    if (chunk.error !== undefined && chunk.error !== null) {
      closeReasoning(out);
      closeText(out);
      closeToolCalls(out);
      out.push(decodeStreamError(chunk.error));
      done = true;
      return out;
    }
    const chunkUsage = decodeUsage(chunk.usage);
    if (!started) {
      started = true;
      out.push({
        type: "message-start",
        id: typeof chunk.id === "string" ? chunk.id : "",
        model: typeof chunk.model === "string" ? chunk.model : "",
        ...(chunkUsage ? { usage: chunkUsage } : {}),
      });
    }
    if (Array.isArray(chunk.choices)) for (const choice of chunk.choices) if (isRecord(choice)) readChoice(choice, out);
    if (chunkUsage) {
      usage = chunkUsage;
      if (finishReason !== undefined) usageAfterFinish = true;
    }
    if (finishReason !== undefined && usageAfterFinish) end(out);
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
