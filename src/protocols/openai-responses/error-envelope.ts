import type { RelayError } from "../../core/relay-error.ts";
import { openAIErrorBody } from "../openai-chat/error-envelope.ts";
import { responsesErrorCode } from "./error-code.ts";
import { responseId } from "./response-id.ts";
import { responsesSse } from "./responses-sse.ts";

/** Errors before a stream starts use OpenAI's one envelope, `{error: {message, type, param, code}}`. */
export const responsesErrorBody = openAIErrorBody;

/** A minimal failed response: what a `response.failed` event needs for Codex and the openai SDK to raise the error. */
export function failedResponse(id: string, createdAt: number, code: string, message: string, output: unknown[] = []): Record<string, unknown> {
  return { id, object: "response", created_at: createdAt, status: "failed", error: { code, message }, incomplete_details: null, output, usage: null };
}

/**
 * The `response.failed` event that ends a Responses stream whose upstream broke mid-way. `sequenceNumber` should
 * follow the last one the client saw when the relay knows it.
 */
export function responsesStreamErrorEvent(error: RelayError, sequenceNumber = 0): string {
  const code = responsesErrorCode(error.code ?? error.upstreamType, error.status, error.message);
  const response = failedResponse(responseId(undefined), Math.floor(Date.now() / 1000), code, error.message);
  return responsesSse("response.failed", sequenceNumber, { response });
}
