import { RelayError } from "../../core/relay-error.ts";
import { createValidator } from "../../core/validate.ts";
import type { Dialect } from "../dialect.ts";
import { decodeResponsesRequest } from "./decode-request.ts";
import { decodeResponsesResult } from "./decode-result.ts";
import { createResponsesStreamDecoder } from "./decode-stream.ts";
import { encodeResponsesRequest } from "./encode-request.ts";
import { encodeResponsesResult } from "./encode-result.ts";
import { createResponsesStreamEncoder } from "./encode-stream.ts";
import { responsesErrorBody, responsesStreamErrorEvent } from "./error-envelope.ts";
import { responsesHasImage } from "./has-image.ts";
import { responsesInitiator } from "./initiator.ts";
import { limitResponsesOutput } from "./limit-output.ts";
import { type ResponsesRequest, ResponsesRequestSchema } from "./schema.ts";
import { responsesUsageFromText } from "./usage-from-tail.ts";

/**
 * Copilot runs /responses with `store: false` (PROTOCOL.md §10): there is no stored response to continue from,
 * and answering as if there were would silently drop the conversation so far.
 */
function checkResponsesRequest(request: ResponsesRequest): void {
  if (typeof request.previous_response_id === "string" && request.previous_response_id !== "") {
    throw new RelayError(
      "invalid_request",
      "previous_response_id is not supported: Copilot runs the Responses API with store: false, so earlier responses are " +
        "not stored and cannot be referenced. Send the whole conversation in input instead.",
      { param: "previous_response_id", code: "previous_response_not_supported" },
    );
  }
}

/** The OpenAI Responses API as a dialect: served to clients (Codex CLI, the Agents SDK) and spoken to Copilot. */
export const openAIResponsesDialect: Dialect<ResponsesRequest> = {
  id: "openai-responses",
  framing: "sse",
  validate: createValidator<ResponsesRequest>(ResponsesRequestSchema),
  check: checkResponsesRequest,
  model: (request) => request.model,
  setModel: (request, model) => {
    request.model = model;
  },
  stream: (request) => request.stream === true,
  turn: (request) => ({ initiator: responsesInitiator(request) }),
  hasImage: responsesHasImage,
  limitOutput: limitResponsesOutput,
  decodeRequest: decodeResponsesRequest,
  encodeResult: encodeResponsesResult,
  createStreamEncoder: createResponsesStreamEncoder,
  errorBody: responsesErrorBody,
  streamErrorEvent: (error) => responsesStreamErrorEvent(error),
  usageFromText: responsesUsageFromText,
  doneSentinel: false,
  wire: {
    encodeRequest: encodeResponsesRequest,
    decodeResult: decodeResponsesResult,
    createStreamDecoder: createResponsesStreamDecoder,
    framing: "sse",
  },
};
