export { openAIErrorBody, openAIStreamErrorEvent, type OpenAIErrorBody } from "./error-envelope.ts";
export { chatHasImage } from "./has-image.ts";
export { chatInitiator } from "./initiator.ts";
export {
  type ChatCompletionRequest,
  ChatCompletionRequestSchema,
  type ChatMessage,
  type EmbeddingRequest,
  EmbeddingRequestSchema,
} from "./schema.ts";
export { type TokenUsage, usageFromTail } from "./usage-from-tail.ts";
export { decodeChatResult } from "./decode-result.ts";
export { type ChatStreamDecoder, createChatStreamDecoder } from "./decode-stream.ts";
export { decodeStreamError } from "./decode-stream-error.ts";
export { decodeUsage } from "./decode-usage.ts";
export { type ChatRequestOptions, encodeChatRequest } from "./encode-request.ts";
export { encodeMessages } from "./encode-messages.ts";
export { chatFinishReason, mapFinishReason } from "./map-finish-reason.ts";
export { parseToolArguments } from "./parse-tool-arguments.ts";
export { decodeChatRequest } from "./decode-request.ts";
export { type ChatCompletion, encodeChatResult } from "./encode-result.ts";
export { createChatStreamEncoder } from "./encode-stream.ts";
export { type ChatUsage, encodeChatUsage } from "./encode-usage.ts";
export { completionId } from "./completion-id.ts";
export { toolArgumentsText } from "./tool-arguments-text.ts";
export { openAIChatDialect } from "./dialect.ts";
export { limitChatOutput } from "./limit-output.ts";
