import type { RelayError } from "../../core/relay-error.ts";
import type { AnthropicErrorBody, AnthropicErrorType } from "./wire-types.ts";

/** https://docs.anthropic.com/en/api/errors */
const typeByStatus: Record<number, AnthropicErrorType> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

const knownTypes = new Set<string>(Object.values(typeByStatus));

export function anthropicErrorType(status: number): AnthropicErrorType {
  return typeByStatus[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
}

export const isAnthropicErrorType = (type: string): type is AnthropicErrorType => knownTypes.has(type);

const promptTooLongPattern = /prompt token count.*exceeds|too long|context length/i;

/**
 * Copilot says `model_max_prompt_tokens_exceeded` / "prompt token count of 210000 exceeds the limit of 200000"
 * (PROTOCOL.md §7); Claude Code only compacts on Anthropic's wording, "prompt is too long: N tokens > M maximum".
 * Of the first two token-sized numbers, the larger is the prompt and the smaller the limit, whichever order the
 * message uses (OpenAI says "maximum context length is M tokens… resulted in N tokens").
 */
export function promptTooLongMessage(message: string): string {
  const numbers = [...message.matchAll(/\d[\d,]*/g)]
    .map((match) => Number(match[0].replaceAll(",", "")))
    .filter((value) => Number.isFinite(value) && value >= 100)
    .slice(0, 2);
  const [first, second] = numbers;
  if (first === undefined || second === undefined || first === second) return `prompt is too long: ${message}`;
  return `prompt is too long: ${Math.max(first, second)} tokens > ${Math.min(first, second)} maximum`;
}

export function isPromptTooLong(status: number, message: string, code?: string): boolean {
  if (code === "model_max_prompt_tokens_exceeded") return true;
  return (status === 400 || status === 413 || status === 422) && promptTooLongPattern.test(message);
}

/** The Anthropic error for a status and message (and Copilot code, when known). */
export function anthropicError(status: number, message: string, code?: string): AnthropicErrorBody["error"] {
  if (isPromptTooLong(status, message, code)) {
    return { type: "invalid_request_error", message: /^prompt is too long/.test(message) ? message : promptTooLongMessage(message) };
  }
  return { type: anthropicErrorType(status), message };
}

/** Anthropic's error envelope: `{type: "error", error: {type, message}}`. */
export function anthropicErrorBody(error: RelayError): AnthropicErrorBody {
  return { type: "error", error: anthropicError(error.status, error.message, error.code) };
}

/** The SSE `error` event Anthropic streams end with after a failure; SDKs raise it as an APIError. */
export function anthropicStreamErrorEvent(error: RelayError): string {
  return `event: error\ndata: ${JSON.stringify(anthropicErrorBody(error))}\n\n`;
}
