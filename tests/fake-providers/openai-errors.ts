import { jsonResponse, type Dialect, type Turn } from "./script";

/** OpenAI's error envelope. */
export function openaiError(status: number, message: string, code: string | null = null): Response {
  const type = status === 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error";
  return jsonResponse({ error: { message, type, param: null, code } }, status);
}

export function openaiFail(status: number, message: string): Response {
  return openaiError(status, message, status === 404 ? "model_not_found" : null);
}

/** The OpenAI dialect of `prepare`, for a body's turn reader. */
export const openaiDialect = (turn: (body: Record<string, unknown>, model: string) => Turn): Dialect => ({
  provider: "openai",
  fail: openaiFail,
  unknownModel: (model) => `The model \`${model}\` does not exist or you do not have access to it.`,
  turn,
});
