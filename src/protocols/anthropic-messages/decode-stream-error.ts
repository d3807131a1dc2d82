import type { HubStreamPart } from "../../core/hub/index.ts";
import { isRecord, stringField } from "./is-record.ts";

/** Anthropic error types → the HTTP status they come with (https://docs.anthropic.com/en/api/errors). */
const statusByType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/**
 * The `error` of an Anthropic stream's `error` event → the hub error part. The stream was already a 200, so the
 * status comes from the error type (an overloaded Claude is 529); unknown types are 500.
 */
export function decodeMessagesStreamError(error: unknown): Extract<HubStreamPart, { type: "error" }> {
  const fields = isRecord(error) ? error : {};
  const type = stringField(fields, "type") ?? "api_error";
  const message = stringField(fields, "message") || "The upstream stream failed";
  return { type: "error", error: { status: statusByType[type] ?? 500, type, message } };
}
