import { isPromptTooLong } from "../anthropic-messages/error-envelope.ts";

/** OpenAI error *types*: too generic for a response's `error.code`, which clients switch on. */
const genericTypes = new Set([
  "invalid_request_error",
  "authentication_error",
  "permission_error",
  "not_found_error",
  "rate_limit_error",
  "request_too_large",
  "api_error",
  "server_error",
  "overloaded_error",
]);

/**
 * The `error.code` of a failed response. Codex switches on it: `context_length_exceeded` (it stops instead of
 * retrying; Copilot says `model_max_prompt_tokens_exceeded`), `rate_limit_exceeded`, `server_error`. A specific
 * upstream code passes through unchanged.
 */
export function responsesErrorCode(type: string | undefined, status: number, message: string): string {
  if (isPromptTooLong(status, message, type)) return "context_length_exceeded";
  if (type && !genericTypes.has(type)) return type;
  if (status === 429) return "rate_limit_exceeded";
  if (status >= 500) return "server_error";
  return type ?? "invalid_request_error";
}
