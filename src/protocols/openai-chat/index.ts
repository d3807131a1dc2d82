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
