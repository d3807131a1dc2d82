import type { HubStreamPart, HubToolCallPart } from "../../core/hub/index.ts";
import { decodeStreamError } from "../openai-chat/decode-stream-error.ts";
import type { StreamDecoder } from "../dialect.ts";
import { guardedDecoder } from "../guarded-decoder.ts";
import { decodeAnswerMessage } from "./decode-answer-message.ts";
import { decodeOllamaUsage } from "./decode-usage.ts";
import { isRecord } from "./is-record.ts";
import { finishReasonFromDone } from "./map-done-reason.ts";
import { createToolCallIds } from "./tool-call-ids.ts";

type Part = HubStreamPart;

/** A tool call's input as the text of one delta; `{}` (a call without arguments) needs none. */
function inputText(input: unknown): string {
  const text = typeof input === "string" ? input : JSON.stringify(input ?? {});
  return text === "{}" ? "" : text;
}

/**
 * `/api/chat` NDJSON lines → hub stream parts. Each line is `{model, message: {content, thinking?, tool_calls?},
 * done}`: thinking and text are blocks that end when the kind switches (thinking before text within a line), and
 * every tool call arrives whole in one line, so it is a start, one delta and an end at once. The `done: true` line
 * (which may still carry content) ends the message with its done reason and counters. A `{"error": "…"}` line, how
 * Ollama fails mid-stream (with a `status` when it has one), becomes the hub's error part. Never throws.
 */
export function createOllamaChatStreamDecoder(toolCallSuffix?: string): StreamDecoder {
  const ids = createToolCallIds(toolCallSuffix);
  let started = false;
  let done = false;
  let blockCount = 0;
  /** Text and thinking are blocks, one open at a time: a delta of the other kind ends the open one. */
  let open: { kind: "text" | "reasoning"; id: string } | undefined;
  let calledTools = false;

  const newId = (kind: string) => `${kind}-${blockCount++}`;
  const close = (out: Part[]) => {
    if (open) out.push({ type: open.kind === "text" ? "text-end" : "reasoning-end", id: open.id });
    open = undefined;
  };
  const append = (kind: "text" | "reasoning", delta: string, out: Part[]) => {
    if (open?.kind !== kind) {
      close(out);
      open = { kind, id: newId(kind) };
      out.push({ type: kind === "text" ? "text-start" : "reasoning-start", id: open.id });
    }
    out.push(kind === "text" ? { type: "text-delta", id: open.id, delta } : { type: "reasoning-delta", id: open.id, delta });
  };
  const toolCall = (call: HubToolCallPart, out: Part[]) => {
    close(out);
    calledTools = true;
    const id = newId("tool");
    out.push({ type: "tool-call-start", id, toolCallId: call.toolCallId, toolName: call.toolName });
    const input = inputText(call.input);
    if (input !== "") out.push({ type: "tool-call-delta", id, inputDelta: input });
    out.push({ type: "tool-call-end", id });
  };

  const end = (out: Part[], line: Record<string, unknown> | undefined) => {
    close(out);
    const finishReason = line ? finishReasonFromDone(line.done_reason, calledTools) : calledTools ? "tool-calls" : "other";
    out.push({ type: "message-end", finishReason, usage: line ? decodeOllamaUsage(line) : {} });
    done = true;
  };

  const step = (line: unknown): Part[] => {
    const out: Part[] = [];
    if (done || !isRecord(line)) return out;
    if (line.error !== undefined && line.error !== null) {
      close(out);
      out.push(decodeStreamError(isRecord(line.error) ? line.error : { message: line.error, status: line.status }));
      done = true;
      return out;
    }
    if (!started) {
      started = true;
      out.push({ type: "message-start", id: "", model: typeof line.model === "string" ? line.model : "" });
    }
    const message = decodeAnswerMessage(line.message, ids);
    if (message.thinking !== "") append("reasoning", message.thinking, out);
    if (message.content !== "") append("text", message.content, out);
    for (const call of message.toolCalls) toolCall(call, out);
    if (line.done === true) end(out, line);
    return out;
  };

  return guardedDecoder({
    step,
    finished: () => done || !started,
    fail: () => {
      done = true;
    },
    end: (out) => end(out, undefined),
  });
}
