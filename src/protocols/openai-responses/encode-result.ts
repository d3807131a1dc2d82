import type { HubAssistantPart, HubResult } from "../../core/hub/index.ts";
import type { EncodeContext } from "../dialect.ts";
import { customToolNames } from "./custom-tool-schema.ts";
import { encodeResponsesUsage } from "./encode-usage.ts";
import { statusOf } from "./map-status.ts";
import { customToolCallItem, customToolInput, functionCallItem, messageItem, reasoningItem } from "./output-items.ts";
import { itemId, responseId } from "./response-id.ts";
import { responseObject } from "./response-object.ts";
import { toolArgumentsText } from "./tool-arguments-text.ts";

function encodePart(part: HubAssistantPart, id: string, index: number, customTools: Set<string>): unknown {
  switch (part.type) {
    case "text":
      return messageItem(itemId("msg", id, index), part.text, "completed");
    case "reasoning":
      return reasoningItem(itemId("rs", id, index), part.redacted ? "" : part.text, part.signature);
    case "tool-call":
      if (customTools.has(part.toolName)) {
        return customToolCallItem(itemId("ctc", id, index), part.toolCallId, part.toolName, customToolInput(part.input));
      }
      return functionCallItem(itemId("fc", id, index), part.toolCallId, part.toolName, toolArgumentsText(part.input), "completed");
  }
}

/**
 * A hub result → a Responses `response` object. Each hub part is one output item, in order (empty text parts are
 * left out); calls to tools the client declared as `custom` go back as custom_tool_call items. The model is the one
 * the client asked for (clients compare it), not the upstream's id.
 */
export function encodeResponsesResult(result: HubResult, context: EncodeContext): Record<string, unknown> {
  const id = responseId(result.id);
  const customTools = customToolNames(context.request);
  const parts = result.content.filter((part) => !(part.type === "text" && part.text === ""));
  const { status, incomplete_details } = statusOf(result.finishReason);
  return responseObject(context, {
    id,
    createdAt: Math.floor(context.now() / 1000),
    status,
    incompleteDetails: incomplete_details,
    output: parts.map((part, index) => encodePart(part, id, index, customTools)),
    usage: encodeResponsesUsage(result.usage),
  });
}
