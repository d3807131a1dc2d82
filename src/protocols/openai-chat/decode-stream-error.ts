import type { HubStreamPart } from "../../core/hub/index.ts";
import { isRecord } from "./is-record.ts";

/** OpenAI error types → the HTTP status they come with, for errors that arrive inside a 200 stream. */
const statusByType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_error: 429,
  server_error: 500,
  api_error: 500,
  overloaded_error: 529,
};

/**
 * An upstream `{"error": {message, type, code}}` stream chunk → the hub error part. The status is not on the wire
 * (the stream was already a 200), so it comes from `status`, a numeric `code`, or the error type; else 500.
 */
export function decodeStreamError(error: unknown): Extract<HubStreamPart, { type: "error" }> {
  const fields = isRecord(error) ? error : { message: typeof error === "string" ? error : undefined };
  const type = typeof fields.type === "string" ? fields.type : typeof fields.code === "string" ? fields.code : "api_error";
  const numericCode = Number(fields.code);
  const status =
    typeof fields.status === "number"
      ? fields.status
      : Number.isInteger(numericCode) && numericCode >= 400 && numericCode < 600
        ? numericCode
        : (statusByType[type] ?? 500);
  const message = typeof fields.message === "string" && fields.message !== "" ? fields.message : "The upstream stream failed";
  return { type: "error", error: { status, type, message } };
}
