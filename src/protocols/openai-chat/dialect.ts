import { createValidator } from "../../core/validate.ts";
import type { Dialect } from "../dialect.ts";
import { decodeChatResult } from "./decode-result.ts";
import { createChatStreamDecoder } from "./decode-stream.ts";
import { decodeChatRequest } from "./decode-request.ts";
import { encodeChatRequest } from "./encode-request.ts";
import { encodeChatResult } from "./encode-result.ts";
import { createChatStreamEncoder } from "./encode-stream.ts";
import { openAIErrorBody, openAIStreamErrorEvent } from "./error-envelope.ts";
import { chatHasImage } from "./has-image.ts";
import { chatInitiator } from "./initiator.ts";
import { limitChatOutput } from "./limit-output.ts";
import { type ChatCompletionRequest, ChatCompletionRequestSchema } from "./schema.ts";
import { usageFromTail } from "./usage-from-tail.ts";

/** OpenAI Chat Completions, as a client dialect and as Copilot's `/chat/completions` wire. */
export const openAIChatDialect: Dialect<ChatCompletionRequest> = {
  id: "openai-chat",
  framing: "sse",
  doneSentinel: true,
  validate: createValidator<ChatCompletionRequest>(ChatCompletionRequestSchema),
  model: (request) => request.model,
  setModel: (request, model) => {
    request.model = model;
  },
  stream: (request) => request.stream === true,
  turn: (request) => ({ initiator: chatInitiator(request.messages) }),
  hasImage: (request) => chatHasImage(request.messages),
  limitOutput: limitChatOutput,
  decodeRequest: decodeChatRequest,
  encodeResult: encodeChatResult,
  createStreamEncoder: createChatStreamEncoder,
  errorBody: openAIErrorBody,
  streamErrorEvent: openAIStreamErrorEvent,
  usageFromText: (tail) => usageFromTail(tail),
  wire: {
    framing: "sse",
    encodeRequest: encodeChatRequest,
    decodeResult: decodeChatResult,
    createStreamDecoder: createChatStreamDecoder,
  },
};
