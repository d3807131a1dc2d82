export { ollamaChatDialect, ollamaGenerateDialect } from "./dialect.ts";
export { decodeOllamaChatRequest, decodeOllamaGenerateRequest } from "./decode-request.ts";
export { decodeImage as decodeOllamaImage } from "./decode-image.ts";
export { decodeOllamaChatResult } from "./decode-result.ts";
export { createOllamaChatStreamDecoder } from "./decode-stream.ts";
export { decodeOllamaUsage } from "./decode-usage.ts";
export { encodeOllamaChatRequest } from "./encode-request.ts";
export { encodeOllamaMessages, type OllamaMessageOut, type OllamaToolCallRequest } from "./encode-messages.ts";
export { encodeThink as encodeOllamaThink, type OllamaThinkOut } from "./encode-think.ts";
export { createToolCallIds as createOllamaToolCallIds, type ToolCallIds as OllamaToolCallIds } from "./tool-call-ids.ts";
export { finishReasonFromDone, mapDoneReason } from "./map-done-reason.ts";
export {
  decodeOllamaEmbed,
  decodeOllamaEmbeddings,
  encodeOllamaEmbed,
  encodeOllamaEmbeddings,
  type OllamaEmbedAnswer,
  type OllamaEmbedTiming,
  type OpenAIEmbeddingsBody,
} from "./embeddings.ts";
export { encodeMetrics as encodeOllamaMetrics, type OllamaMetrics, type OllamaTiming } from "./encode-metrics.ts";
export { encodeOllamaChatResult, encodeOllamaGenerateResult, type OllamaChatAnswer, type OllamaGenerateAnswer } from "./encode-result.ts";
export { createOllamaChatStreamEncoder, createOllamaGenerateStreamEncoder } from "./encode-stream.ts";
export { type OllamaErrorBody, ollamaErrorBody, ollamaStreamErrorLine } from "./error-envelope.ts";
export { fillInTheMiddleInstruction } from "./fill-in-the-middle.ts";
export { ollamaChatHasImage, ollamaGenerateHasImage } from "./has-image.ts";
export { ollamaChatInitiator, ollamaGenerateInitiator } from "./initiator.ts";
export { limitOllamaOutput } from "./limit-output.ts";
export { isOllamaChatLoad, isOllamaGenerateLoad, ollamaLoadAnswer } from "./load-request.ts";
export { type OllamaModelDetails, type OllamaModelSource, modelDigest as ollamaModelDigest } from "./model-details.ts";
export {
  fallbackContextWindow,
  type OllamaTag,
  ollamaPs,
  ollamaReportedVersion,
  ollamaShow,
  ollamaTag,
  ollamaTags,
  ollamaVersion,
} from "./model-listing.ts";
export {
  type OllamaChatRequest,
  OllamaChatRequestSchema,
  type OllamaEmbeddingsRequest,
  OllamaEmbeddingsRequestSchema,
  type OllamaEmbedRequest,
  OllamaEmbedRequestSchema,
  type OllamaFormat,
  type OllamaGenerateRequest,
  OllamaGenerateRequestSchema,
  type OllamaMessage,
  type OllamaOptions,
  type OllamaShowRequest,
  OllamaShowRequestSchema,
  type OllamaThink,
  type OllamaTool,
  type OllamaToolCall,
} from "./schema.ts";
export { ollamaShowModelName } from "./show-model-name.ts";
export { ollamaModelName, stripOllamaTag } from "./strip-ollama-tag.ts";
export { ollamaUsageFromText } from "./usage-from-text.ts";
