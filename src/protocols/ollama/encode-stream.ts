import type { HubFinishReason, HubStreamPart, HubUsage } from "../../core/hub/index.ts";
import type { EncodeContext, StreamEncoder } from "../dialect.ts";
import { encodeMetrics } from "./encode-metrics.ts";
import { encodeToolCall, type OllamaToolCallOut } from "./encode-tool-calls.ts";
import { ollamaStreamErrorLine } from "./error-envelope.ts";
import { isRecord } from "./is-record.ts";
import { mapDoneReason } from "./map-done-reason.ts";

type Context = Pick<EncodeContext, "requestedModel" | "startedAt" | "now">;

/** What one NDJSON line says beyond model, created_at and done. */
interface Delta {
  content?: string;
  thinking?: string;
  toolCalls?: OllamaToolCallOut[];
}

/** How `/api/chat` (a `message`) and `/api/generate` (a `response`) put the same delta on a line. */
type Shape = (delta: Delta) => Record<string, unknown> | undefined;
/** The same for a text delta alone (most lines), as serialised fields: one string escape, no object. */
type TextFields = (content: string) => string;

const chatText: TextFields = (content) => `"message":{"role":"assistant","content":${JSON.stringify(content)}}`;
const generateText: TextFields = (content) => `"response":${JSON.stringify(content)}`;

const chatShape: Shape = ({ content, thinking, toolCalls }) => ({
  message: {
    role: "assistant",
    content: content ?? "",
    ...(thinking !== undefined ? { thinking } : {}),
    ...(toolCalls ? { tool_calls: toolCalls } : {}),
  },
});

// /api/generate has no tools: a tool call (which a generate request never asks for) has no line to go on.
const generateShape: Shape = ({ content, thinking, toolCalls }) =>
  toolCalls ? undefined : { response: content ?? "", ...(thinking !== undefined ? { thinking } : {}) };

interface PendingCall {
  toolCallId: string;
  toolName: string;
  argumentsText: string;
}

/** An unfinished call is only sent when its arguments are already complete: `""` or a whole JSON object. */
function isComplete(argumentsText: string): boolean {
  if (argumentsText.trim() === "") return true;
  try {
    return isRecord(JSON.parse(argumentsText));
  } catch {
    return false;
  }
}

/**
 * Hub stream parts → Ollama NDJSON, one `JSON.stringify(line) + "\n"` per line: a line per text or thinking delta,
 * a tool call as one line once its arguments are complete (Ollama's arguments are objects, not text), and a final
 * `done: true` line with the done reason and counters. An error part becomes one `{"error": "…"}` line and ends
 * the stream, as Ollama does mid-stream. Ollama has no keep-alive frame. Never throws.
 */
function createEncoder(context: Context, shape: Shape, textFields: TextFields): StreamEncoder {
  let ended = false;
  let firstOutputAt: number | undefined;
  let usage: Partial<HubUsage> = {};
  let toolCallCount = 0;
  const pending = new Map<string, PendingCall>();

  // Lines come many per millisecond: the line start (model, created_at) is serialised once per millisecond.
  const model = JSON.stringify(context.requestedModel);
  let stampedAt = Number.NaN;
  let lineStart = "";
  const lineOf = (fields: string, done: boolean): string => {
    const now = context.now();
    if (now !== stampedAt) {
      stampedAt = now;
      lineStart = `{"model":${model},"created_at":"${new Date(now).toISOString()}",`;
    }
    return `${lineStart}${fields},"done":${done}}\n`;
  };
  const line = (fields: Record<string, unknown>, done: boolean): string => lineOf(JSON.stringify(fields).slice(1, -1), done);

  const output = (delta: Delta): string => {
    firstOutputAt ??= context.now();
    const fields = shape(delta);
    return fields ? line(fields, false) : "";
  };

  const sendCall = (id: string, call: PendingCall): string => {
    pending.delete(id);
    return output({ toolCalls: [encodeToolCall(call.toolCallId, call.toolName, call.argumentsText, toolCallCount++)] });
  };

  const finish = (reason: HubFinishReason, endUsage: Partial<HubUsage>): string => {
    let out = "";
    for (const [id, call] of pending) out += isComplete(call.argumentsText) ? sendCall(id, call) : "";
    pending.clear();
    usage = { ...usage, ...endUsage };
    const now = context.now();
    const metrics = encodeMetrics({ startedAt: context.startedAt, endedAt: now, ...(firstOutputAt !== undefined ? { firstOutputAt } : {}) }, usage);
    ended = true;
    return out + line({ ...shape({}), done_reason: mapDoneReason(reason), ...metrics }, true);
  };

  const step = (part: HubStreamPart): string => {
    switch (part.type) {
      case "message-start":
        usage = { ...usage, ...part.usage };
        return "";
      case "text-delta":
        if (part.delta === "") return "";
        firstOutputAt ??= context.now();
        return lineOf(textFields(part.delta), false);
      case "reasoning-delta":
        return part.delta === "" ? "" : output({ thinking: part.delta });
      case "tool-call-start":
        firstOutputAt ??= context.now();
        pending.set(part.id, { toolCallId: part.toolCallId, toolName: part.toolName, argumentsText: "" });
        return "";
      case "tool-call-delta": {
        const call = pending.get(part.id);
        if (call) call.argumentsText += part.inputDelta;
        return "";
      }
      case "tool-call-end": {
        const call = pending.get(part.id);
        return call ? sendCall(part.id, call) : "";
      }
      case "message-end":
        return finish(part.finishReason, part.usage);
      case "error":
        ended = true;
        return ollamaStreamErrorLine(part.error);
      default:
        // text/reasoning start and end frame nothing on Ollama's wire; reasoning signatures have no field.
        return "";
    }
  };

  const guarded = (run: () => string): string => {
    if (ended) return "";
    try {
      return run();
    } catch (error) {
      ended = true;
      return ollamaStreamErrorLine({ message: `Stream translation failed: ${String(error)}` });
    }
  };

  return {
    push: (part) => guarded(() => step(part)),
    flush: () => guarded(() => finish("stop", {})),
    ping: () => "",
  };
}

export function createOllamaChatStreamEncoder(context: Context): StreamEncoder {
  return createEncoder(context, chatShape, chatText);
}

export function createOllamaGenerateStreamEncoder(context: Context): StreamEncoder {
  return createEncoder(context, generateShape, generateText);
}
