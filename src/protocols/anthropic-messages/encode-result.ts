import type { HubAssistantPart, HubResult } from "../../core/hub/index.ts";
import { encodeUsage } from "./encode-usage.ts";
import { mapStopReason } from "./map-stop-reason.ts";
import { messageId } from "./message-id.ts";
import { toolInputObject } from "./tool-input-object.ts";
import type { AnthropicContentBlock, AnthropicMessage } from "./wire-types.ts";

function encodePart(part: HubAssistantPart): AnthropicContentBlock {
  switch (part.type) {
    case "text":
      return { type: "text", text: part.text };
    case "reasoning":
      return part.redacted
        ? { type: "redacted_thinking", data: part.signature ?? "" }
        : { type: "thinking", thinking: part.text, signature: part.signature ?? "" };
    case "tool-call":
      return { type: "tool_use", id: part.toolCallId, name: part.toolName, input: toolInputObject(part.input) };
  }
}

/**
 * A hub result → an Anthropic `message` object. The model is the one the client asked for (clients compare it),
 * not the upstream's id. Empty text blocks are left out: Anthropic never returns one.
 */
export function encodeMessagesResult(result: HubResult, requestedModel: string): AnthropicMessage {
  const content = result.content
    .filter((part) => !(part.type === "text" && part.text === ""))
    .map(encodePart);
  return {
    id: messageId(result.id),
    type: "message",
    role: "assistant",
    model: requestedModel,
    content,
    ...mapStopReason(result.finishReason, result.stopSequence),
    usage: encodeUsage(result.usage),
  };
}
