import type { HubAssistantPart, HubResult } from "../../core/hub/index.ts";
import { decodeAnthropicUsage, readAnthropicCounters } from "./decode-usage.ts";
import { isRecord, stringField } from "./is-record.ts";
import { mapAnthropicStopReason } from "./map-stop-reason.ts";

function decodeBlock(block: Record<string, unknown>): HubAssistantPart | undefined {
  switch (block.type) {
    case "text":
      return { type: "text", text: stringField(block, "text") ?? "" };
    case "thinking": {
      const signature = stringField(block, "signature");
      return { type: "reasoning", text: stringField(block, "thinking") ?? "", ...(signature ? { signature } : {}) };
    }
    case "redacted_thinking":
      return { type: "reasoning", text: "", signature: stringField(block, "data") ?? "", redacted: true };
    case "tool_use":
      return {
        type: "tool-call",
        toolCallId: stringField(block, "id") ?? "",
        toolName: stringField(block, "name") ?? "",
        input: isRecord(block.input) ? block.input : {},
      };
    default:
      // Server-tool traffic (server_tool_use, web_search_tool_result, …) has no hub part.
      return undefined;
  }
}

/**
 * An Anthropic `message` object (a non-streamed Messages answer) → hub result. Tolerant by design: unknown blocks
 * and fields are ignored, a missing field gives an empty value, nothing throws.
 */
export function decodeMessagesResult(json: unknown): HubResult {
  const body = isRecord(json) ? json : {};
  const blocks = Array.isArray(body.content) ? body.content.filter(isRecord) : [];
  const content = blocks.map(decodeBlock).filter((part): part is HubAssistantPart => part !== undefined);
  const stopSequence = stringField(body, "stop_sequence");
  return {
    id: stringField(body, "id") ?? "",
    model: stringField(body, "model") ?? "",
    content,
    finishReason: mapAnthropicStopReason(stringField(body, "stop_reason")),
    ...(stopSequence ? { stopSequence } : {}),
    usage: { inputTokens: 0, outputTokens: 0, ...decodeAnthropicUsage(readAnthropicCounters(body.usage)) },
  };
}
