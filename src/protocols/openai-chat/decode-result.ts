import type { HubAssistantPart, HubFinishReason, HubResult, HubToolCallPart } from "../../core/hub/index.ts";
import { decodeUsage } from "./decode-usage.ts";
import { isRecord } from "./is-record.ts";
import { mapFinishReason } from "./map-finish-reason.ts";
import { parseToolArguments } from "./parse-tool-arguments.ts";

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** `content` is a string, or (some upstreams) an array of `{type: "text", text}` parts. */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (isRecord(part) && (part.type === "text" || part.type === "output_text") ? text(part.text) : "")).join("");
}

function decodeToolCalls(toolCalls: unknown): HubToolCallPart[] {
  if (!Array.isArray(toolCalls)) return [];
  return toolCalls.filter(isRecord).map((call, position) => {
    const fn = isRecord(call.function) ? call.function : {};
    return {
      type: "tool-call",
      toolCallId: text(call.id) || `call_${position}`,
      toolName: text(fn.name),
      input: parseToolArguments(fn.arguments),
    };
  });
}

/**
 * A non-streaming Chat Completions body → hub result. Tolerant by design: unknown fields are ignored, missing
 * choices give empty content, nothing throws. Copilot sometimes splits one Claude answer over several choices
 * (text in one, tool calls in another), so all choices are merged in order. Copilot's reasoning fields
 * (`reasoning_text`, `reasoning_opaque`) become one reasoning part placed first, as Anthropic orders thinking.
 */
export function decodeChatResult(json: unknown): HubResult {
  const body = isRecord(json) ? json : {};
  const choices = Array.isArray(body.choices) ? body.choices.filter(isRecord) : [];
  let reasoningText = "";
  let signature = "";
  const texts: HubAssistantPart[] = [];
  const toolCalls: HubToolCallPart[] = [];
  const reasons: HubFinishReason[] = [];
  for (const choice of choices) {
    const message = isRecord(choice.message) ? choice.message : {};
    reasoningText += text(message.reasoning_text);
    signature = text(message.reasoning_opaque) || signature;
    const answer = contentText(message.content) || text(message.refusal);
    if (answer !== "") texts.push({ type: "text", text: answer });
    toolCalls.push(...decodeToolCalls(message.tool_calls));
    if (choice.finish_reason != null) reasons.push(mapFinishReason(choice.finish_reason));
  }
  const content: HubAssistantPart[] = [];
  if (reasoningText !== "" || signature !== "") {
    content.push({ type: "reasoning", text: reasoningText, ...(signature ? { signature } : {}) });
  }
  content.push(...texts, ...toolCalls);
  let finishReason: HubFinishReason = reasons.includes("tool-calls") ? "tool-calls" : (reasons[0] ?? "stop");
  // Copilot has answered tool calls with finish_reason "stop"; clients loop on the tool-call reason.
  if (toolCalls.length > 0 && (finishReason === "stop" || finishReason === "other")) finishReason = "tool-calls";
  const usage = decodeUsage(body.usage);
  return {
    id: text(body.id),
    model: text(body.model),
    content,
    finishReason,
    usage: { inputTokens: 0, outputTokens: 0, ...usage },
  };
}
