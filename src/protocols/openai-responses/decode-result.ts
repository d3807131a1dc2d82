import type { HubAssistantPart, HubResult } from "../../core/hub/index.ts";
import { parseToolArguments } from "../openai-chat/parse-tool-arguments.ts";
import { decodeReasoningItem } from "./decode-input.ts";
import { decodeResponsesUsage } from "./decode-usage.ts";
import { isRecord, stringField } from "./is-record.ts";
import { finishReasonOf } from "./map-status.ts";

function decodeOutputItem(item: Record<string, unknown>): HubAssistantPart[] {
  switch (item.type) {
    case "message": {
      const content = Array.isArray(item.content) ? item.content.filter(isRecord) : [];
      return content.flatMap((part): HubAssistantPart[] => {
        const text = part.type === "refusal" ? stringField(part, "refusal") : stringField(part, "text");
        return text ? [{ type: "text", text }] : [];
      });
    }
    case "function_call":
      return [
        {
          type: "tool-call",
          toolCallId: stringField(item, "call_id") ?? stringField(item, "id") ?? "",
          toolName: stringField(item, "name") ?? "",
          input: parseToolArguments(item.arguments),
        },
      ];
    case "custom_tool_call":
      return [
        {
          type: "tool-call",
          toolCallId: stringField(item, "call_id") ?? stringField(item, "id") ?? "",
          toolName: stringField(item, "name") ?? "",
          input: { input: stringField(item, "input") ?? "" },
        },
      ];
    case "reasoning": {
      const part = decodeReasoningItem(item);
      return part ? [part] : [];
    }
    default:
      return [];
  }
}

/**
 * A non-streamed Responses body → hub result, output items in order. Tolerant by design: unknown items and
 * fields are ignored and nothing throws; a body that is not a response gives an empty result.
 */
export function decodeResponsesResult(json: unknown): HubResult {
  const body = isRecord(json) ? json : {};
  const output = Array.isArray(body.output) ? body.output.filter(isRecord) : [];
  const content = output.flatMap(decodeOutputItem);
  const madeToolCall = content.some((part) => part.type === "tool-call");
  return {
    id: stringField(body, "id") ?? "",
    model: stringField(body, "model") ?? "",
    content,
    finishReason: finishReasonOf(body, madeToolCall),
    usage: { inputTokens: 0, outputTokens: 0, ...decodeResponsesUsage(body.usage) },
  };
}
