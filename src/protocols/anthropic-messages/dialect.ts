import { createValidator } from "../../core/validate.ts";
import type { Dialect } from "../dialect.ts";
import { decodeMessagesRequest } from "./decode-request.ts";
import { decodeMessagesResult } from "./decode-result.ts";
import { createMessagesStreamDecoder } from "./decode-stream.ts";
import { encodeMessagesRequest } from "./encode-request.ts";
import { encodeMessagesResult } from "./encode-result.ts";
import { createMessagesStreamEncoder } from "./encode-stream.ts";
import { anthropicErrorBody, anthropicStreamErrorEvent } from "./error-envelope.ts";
import { messagesHasImage } from "./has-image.ts";
import { messagesInteractionType } from "./initiator.ts";
import { limitMessagesOutput } from "./limit-output.ts";
import { type MessagesRequest, MessagesRequestSchema } from "./schema.ts";
import { anthropicUsageFromText } from "./usage-from-tail.ts";

/** Anthropic Messages, as a client dialect (Claude Code, the SDKs) and as Copilot's native `/v1/messages` wire. */
export const anthropicMessagesDialect: Dialect<MessagesRequest> = {
  id: "anthropic-messages",
  framing: "sse",
  doneSentinel: false,
  validate: createValidator<MessagesRequest>(MessagesRequestSchema),
  model: (request) => request.model,
  setModel: (request, model) => {
    request.model = model;
  },
  stream: (request) => request.stream === true,
  turn: (request) => {
    const interactionType = messagesInteractionType(request);
    return { initiator: interactionType === "conversation-panel" ? "user" : "agent", interactionType };
  },
  hasImage: (request) => messagesHasImage(request.messages),
  limitOutput: limitMessagesOutput,
  decodeRequest: decodeMessagesRequest,
  encodeResult: (result, context) => encodeMessagesResult(result, context.requestedModel),
  createStreamEncoder: (context) => createMessagesStreamEncoder({ model: context.requestedModel, estimatedInputTokens: context.estimatedInputTokens }),
  errorBody: anthropicErrorBody,
  streamErrorEvent: anthropicStreamErrorEvent,
  usageFromText: anthropicUsageFromText,
  wire: {
    framing: "sse",
    encodeRequest: encodeMessagesRequest,
    decodeResult: decodeMessagesResult,
    createStreamDecoder: createMessagesStreamDecoder,
  },
};
