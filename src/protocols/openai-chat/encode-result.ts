import type { HubReasoningPart, HubResult } from "../../core/hub/index.ts";
import type { EncodeContext } from "../dialect.ts";
import { completionId } from "./completion-id.ts";
import { type ChatUsage, encodeChatUsage } from "./encode-usage.ts";
import { chatFinishReason } from "./map-finish-reason.ts";
import { toolArgumentsText } from "./tool-arguments-text.ts";

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: {
    index: number;
    message: Record<string, unknown>;
    finish_reason: ReturnType<typeof chatFinishReason>;
    logprobs: null;
  }[];
  usage: ChatUsage;
}

/**
 * Reasoning in Copilot's own field names, which Chat clients on Copilot already read: `reasoning_text` (the visible
 * thinking) and `reasoning_opaque` (the signature that lets it be sent back; a redacted block's data when none).
 */
function reasoningFields(parts: readonly HubReasoningPart[]): Record<string, string> {
  const fields: Record<string, string> = {};
  const text = parts.filter((part) => !part.redacted).map((part) => part.text).join("");
  const signatureOf = (redacted: boolean) => parts.filter((part) => Boolean(part.redacted) === redacted && part.signature).at(-1)?.signature;
  const signature = signatureOf(false) ?? signatureOf(true);
  if (text !== "") fields.reasoning_text = text;
  if (signature !== undefined) fields.reasoning_opaque = signature;
  return fields;
}

/**
 * A hub result → a `chat.completion` object. The model is the one the client asked for; separate text blocks
 * (Anthropic answers interleave them with thinking and tools) are joined with a blank line, as the stream encoder
 * joins them. `content` is null when the answer is only tool calls, as OpenAI sends it.
 */
export function encodeChatResult(result: HubResult, context: EncodeContext): ChatCompletion {
  const text = result.content
    .flatMap((part) => (part.type === "text" && part.text !== "" ? [part.text] : []))
    .join("\n\n");
  const toolCalls = result.content.flatMap((part) =>
    part.type === "tool-call"
      ? [{ id: part.toolCallId, type: "function", function: { name: part.toolName, arguments: toolArgumentsText(part.input) } }]
      : [],
  );
  const message: Record<string, unknown> = { role: "assistant", content: text === "" && toolCalls.length > 0 ? null : text };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  Object.assign(message, reasoningFields(result.content.filter((part): part is HubReasoningPart => part.type === "reasoning")));
  // Clients run tools only on "tool_calls"; an upstream that said "stop" beside tool calls would stall them.
  const reason = toolCalls.length > 0 && (result.finishReason === "stop" || result.finishReason === "other") ? "tool-calls" : result.finishReason;
  return {
    id: completionId(result.id),
    object: "chat.completion",
    created: Math.floor(context.now() / 1000),
    model: context.requestedModel,
    choices: [{ index: 0, message, finish_reason: chatFinishReason(reason), logprobs: null }],
    usage: encodeChatUsage(result.usage),
  };
}
