import { copilotError, isRecord } from "./http";
import { VISION_HEADER_MESSAGE } from "./messages-validate";
import { checkModel, INVALID_REQUEST } from "./model-check";
import { promptTooLong } from "./prompt-limit";
import { chatMessages } from "./responses-input";
import type { FakeState } from "./state";
import type { FakeModel, RecordedRequest } from "./types";

export interface ValidResponses {
  body: Record<string, unknown>;
  /** `input` as chat messages, for the shared planner. */
  messages: unknown[];
  model: FakeModel;
}

/** Item types that live only in stored conversations: with `store: false` their ids point at nothing. */
const STORED_ITEM_TYPES = new Set(["message", "function_call", "function_call_output", "item_reference"]);

function invalid(message: string, code: string, param?: string): { error: Response } {
  const extra = param === undefined ? INVALID_REQUEST : { param, ...INVALID_REQUEST };
  return { error: copilotError(400, message, code, extra) };
}

/** First tool whose type is not "function" (Copilot's /responses only runs function tools). */
function toolProblem(tools: unknown): { error: Response } | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) {
    return invalid("Invalid type for 'tools': expected an array.", "invalid_request_body", "tools");
  }
  for (const [i, t] of tools.entries()) {
    const type = isRecord(t) ? t.type : undefined;
    if (type !== "function") {
      return invalid(`Unsupported tool type '${String(type)}' in tools[${i}]: only 'function' tools are supported.`,
        "unsupported_tool_type", `tools[${i}].type`);
    }
  }
  return undefined;
}

/** The id of the first input item that would have to be looked up in storage. */
function persistedItemId(items: unknown[]): string | undefined {
  for (const item of items) {
    if (!isRecord(item) || typeof item.id !== "string") continue;
    const type = item.type ?? (item.role !== undefined ? "message" : undefined);
    // Reasoning items travel by value when they carry their encrypted_content.
    if (type === "reasoning" && typeof item.encrypted_content === "string") continue;
    if (type === "reasoning" || STORED_ITEM_TYPES.has(String(type))) return item.id;
  }
  return undefined;
}

function hasImage(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasImage);
  if (!isRecord(value)) return false;
  if (value.type === "input_image") return true;
  return hasImage(value.content) || hasImage(value.output);
}

/** Validates a /responses request like Copilot does; returns the parts or the error response. */
export function validateResponses(state: FakeState, rec: RecordedRequest): ValidResponses | { error: Response } {
  const body = rec.json;
  if (!isRecord(body)) return invalid("invalid request body", "invalid_request_body");
  const checked = checkModel(state, body.model, "/responses");
  if ("error" in checked) return checked;
  const { input } = body;
  if (typeof input !== "string" && !Array.isArray(input)) {
    const message = "Invalid type for 'input': expected a string or an array of input items.";
    return invalid(message, "invalid_request_body", "input");
  }
  if (body.store === true) return invalid("Store must be set to false", "invalid_request_body", "store");
  if ("service_tier" in body) {
    return invalid("Unsupported parameter: 'service_tier' is not supported.", "unsupported_parameter", "service_tier");
  }
  if (typeof body.previous_response_id === "string") {
    const message =
      `Previous response with id '${body.previous_response_id}' not found. ` +
      "Responses are not persisted when `store` is set to false.";
    return invalid(message, "previous_response_not_found", "previous_response_id");
  }
  const toolError = toolProblem(body.tools);
  if (toolError !== undefined) return toolError;

  const items = Array.isArray(input) ? input : [];
  const id = persistedItemId(items);
  if (id !== undefined) {
    const message =
      `Item with id '${id}' not found. Items are not persisted when \`store\` is set to false. ` +
      "Try again with `store` set to true, or remove this item from your input.";
    return invalid(message, "invalid_request_body", "input");
  }
  if (hasImage(items) && rec.headers["copilot-vision-request"] !== "true") {
    return invalid(VISION_HEADER_MESSAGE, "invalid_request_body");
  }
  const messages = chatMessages(input);
  const tooLong = promptTooLong(messages);
  if (tooLong !== undefined) return { error: tooLong };
  return { body, messages, model: checked.model };
}
