import type { HubAssistantPart, HubResult } from "../../core/hub/index.ts";
import { decodeAnswerMessage } from "./decode-answer-message.ts";
import { decodeOllamaUsage } from "./decode-usage.ts";
import { isRecord } from "./is-record.ts";
import { finishReasonFromDone } from "./map-done-reason.ts";
import { createToolCallIds } from "./tool-call-ids.ts";

/**
 * A non-streamed `/api/chat` answer → hub result: thinking first (as one reasoning part, without a signature:
 * Ollama has none), then the text, then the tool calls with ids (see createToolCallIds). Ollama answers carry no
 * id, so the result's is empty and each client encoder makes its own. Tolerant: nothing throws.
 */
export function decodeOllamaChatResult(json: unknown, toolCallSuffix?: string): HubResult {
  const body = isRecord(json) ? json : {};
  const message = decodeAnswerMessage(body.message, createToolCallIds(toolCallSuffix));
  const content: HubAssistantPart[] = [];
  if (message.thinking !== "") content.push({ type: "reasoning", text: message.thinking });
  if (message.content !== "") content.push({ type: "text", text: message.content });
  content.push(...message.toolCalls);
  return {
    id: "",
    model: typeof body.model === "string" ? body.model : "",
    content,
    finishReason: finishReasonFromDone(body.done_reason, message.toolCalls.length > 0),
    usage: { inputTokens: 0, outputTokens: 0, ...decodeOllamaUsage(body) },
  };
}
