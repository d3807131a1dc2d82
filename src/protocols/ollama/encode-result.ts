import type { HubResult } from "../../core/hub/index.ts";
import type { EncodeContext } from "../dialect.ts";
import { encodeMetrics, type OllamaMetrics } from "./encode-metrics.ts";
import { encodeToolCall, type OllamaToolCallOut } from "./encode-tool-calls.ts";
import { mapDoneReason } from "./map-done-reason.ts";

type Context = Pick<EncodeContext, "requestedModel" | "startedAt" | "now">;

export interface OllamaChatAnswer extends OllamaMetrics {
  model: string;
  created_at: string;
  message: { role: "assistant"; content: string; thinking?: string; tool_calls?: OllamaToolCallOut[] };
  done: true;
  done_reason: "stop" | "length";
}

export interface OllamaGenerateAnswer extends OllamaMetrics {
  model: string;
  created_at: string;
  response: string;
  thinking?: string;
  done: true;
  done_reason: "stop" | "length";
}

/** The answer's text and visible thinking; redacted reasoning has no text an Ollama client could show. */
function texts(result: HubResult): { content: string; thinking: string } {
  let content = "";
  let thinking = "";
  for (const part of result.content) {
    if (part.type === "text") content += part.text;
    else if (part.type === "reasoning" && !part.redacted) thinking += part.text;
  }
  return { content, thinking };
}

function closing(result: HubResult, context: Context) {
  const now = context.now();
  return {
    model: context.requestedModel,
    created_at: new Date(now).toISOString(),
    done: true as const,
    done_reason: mapDoneReason(result.finishReason),
    ...encodeMetrics({ startedAt: context.startedAt, endedAt: now }, result.usage),
  };
}

/** A hub result → a non-streamed `/api/chat` answer; the model echoed is the one the client asked for. */
export function encodeOllamaChatResult(result: HubResult, context: Context): OllamaChatAnswer {
  const { content, thinking } = texts(result);
  const toolCalls = result.content.flatMap((part) => (part.type === "tool-call" ? [part] : []));
  const { model, created_at, ...rest } = closing(result, context);
  return {
    model,
    created_at,
    message: {
      role: "assistant",
      content,
      ...(thinking !== "" ? { thinking } : {}),
      ...(toolCalls.length > 0
        ? { tool_calls: toolCalls.map((call, index) => encodeToolCall(call.toolCallId, call.toolName, call.input, index)) }
        : {}),
    },
    ...rest,
  };
}

/** A hub result → a non-streamed `/api/generate` answer (no `context`: there are no token ids to give back). */
export function encodeOllamaGenerateResult(result: HubResult, context: Context): OllamaGenerateAnswer {
  const { content, thinking } = texts(result);
  const { model, created_at, ...rest } = closing(result, context);
  return { model, created_at, response: content, ...(thinking !== "" ? { thinking } : {}), ...rest };
}
