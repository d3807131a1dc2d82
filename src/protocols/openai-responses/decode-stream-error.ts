import type { HubStreamPart } from "../../core/hub/index.ts";
import { decodeStreamError } from "../openai-chat/decode-stream-error.ts";
import { isRecord, stringField } from "./is-record.ts";

/** Responses error codes → the HTTP status they would have had: the stream was already a 200. */
const statusByCode: Record<string, number> = {
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  context_length_exceeded: 400,
  model_max_prompt_tokens_exceeded: 400,
  invalid_prompt: 400,
  server_error: 500,
  server_is_overloaded: 503,
  slow_down: 503,
  vector_store_timeout: 504,
};

/** Image and request problems (`invalid_image_url`, `image_too_large`, `unsupported_image_media_type`, …). */
const clientErrorCode = /^(invalid|image|unsupported|empty|failed_to_download)_/;

/**
 * A failed response's `error {code, message}` (or an `error` event's fields) → the hub error part. The code is
 * kept as the part's type, so a Responses client sees the upstream's own code again.
 */
export function decodeResponsesError(error: unknown): Extract<HubStreamPart, { type: "error" }> {
  const fallback = decodeStreamError(error);
  const code = isRecord(error) ? stringField(error, "code") : undefined;
  if (code === undefined || code === "") return fallback;
  const explicit = isRecord(error) && typeof error.status === "number" ? error.status : undefined;
  const status = explicit ?? statusByCode[code] ?? (clientErrorCode.test(code) ? 400 : fallback.error.status);
  return { type: "error", error: { status, type: code, message: fallback.error.message } };
}
