import { isRecord } from "./is-record.ts";
import type { ResponsesRequest } from "./schema.ts";

const hasInputImage = (parts: unknown): boolean => Array.isArray(parts) && parts.some((part) => isRecord(part) && part.type === "input_image");

/**
 * Copilot wants `copilot-vision-request: true` exactly when an image is present (PROTOCOL.md §4): in a message's
 * content, or in a tool output given as an array (function and custom tool outputs alike).
 */
export function responsesHasImage(request: Pick<ResponsesRequest, "input">): boolean {
  if (!Array.isArray(request.input)) return false;
  for (const item of request.input as unknown[]) {
    if (!isRecord(item)) continue;
    if (hasInputImage(item.content)) return true;
    if ((item.type === "function_call_output" || item.type === "custom_tool_call_output") && hasInputImage(item.output)) return true;
  }
  return false;
}
