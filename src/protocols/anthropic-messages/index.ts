export { cleanJsonSchema } from "./clean-json-schema.ts";
export { decodeMessagesRequest } from "./decode-request.ts";
export { createMessagesStreamEncoder, type MessagesStreamEncoder, type MessagesStreamEncoderOptions } from "./encode-stream.ts";
export { encodeMessagesResult } from "./encode-result.ts";
export {
  anthropicError,
  anthropicErrorBody,
  anthropicErrorType,
  anthropicStreamErrorEvent,
  isPromptTooLong,
  promptTooLongMessage,
} from "./error-envelope.ts";
export { messagesHasImage } from "./has-image.ts";
export { messagesInitiator, messagesInteractionType, type MessagesInteractionType } from "./initiator.ts";
export { type AnthropicStop, mapAnthropicStopReason, mapStopReason } from "./map-stop-reason.ts";
export {
  type CountTokensRequest,
  CountTokensRequestSchema,
  type MessagesContentBlock,
  type MessagesMessage,
  type MessagesRequest,
  MessagesRequestSchema,
  type MessagesTool,
} from "./schema.ts";
export { anthropicUsageFromText } from "./usage-from-tail.ts";
export type {
  AnthropicContentBlock,
  AnthropicErrorBody,
  AnthropicErrorType,
  AnthropicMessage,
  AnthropicStopReason,
  AnthropicUsage,
} from "./wire-types.ts";
export { decodeMessagesResult } from "./decode-result.ts";
export { createMessagesStreamDecoder } from "./decode-stream.ts";
export { decodeMessagesStreamError } from "./decode-stream-error.ts";
export { type AnthropicCounters, decodeAnthropicUsage, readAnthropicCounters } from "./decode-usage.ts";
export { defaultMaxTokens, encodeMessagesRequest } from "./encode-request.ts";
export { type BudgetBounds, budgetFromEffort, clampBudget, effortFromBudget, requestedBudget, requestedEffort } from "./reasoning-budget.ts";
export { anthropicMessagesDialect } from "./dialect.ts";
export { limitMessagesOutput } from "./limit-output.ts";
