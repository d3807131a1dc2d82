export { customToolInputSchema, customToolNames } from "./custom-tool-schema.ts";
export { decodeResponsesRequest } from "./decode-request.ts";
export { decodeResponsesResult } from "./decode-result.ts";
export { createResponsesStreamDecoder } from "./decode-stream.ts";
export { decodeResponsesError } from "./decode-stream-error.ts";
export { decodeResponsesUsage } from "./decode-usage.ts";
export { openAIResponsesDialect } from "./dialect.ts";
export { encodeResponsesRequest } from "./encode-request.ts";
export { encodeResponsesResult } from "./encode-result.ts";
export { createResponsesStreamEncoder } from "./encode-stream.ts";
export { encodeResponsesUsage, type ResponsesUsage } from "./encode-usage.ts";
export { responsesErrorCode } from "./error-code.ts";
export { failedResponse, responsesErrorBody, responsesStreamErrorEvent } from "./error-envelope.ts";
export { responsesHasImage } from "./has-image.ts";
export { responsesInitiator } from "./initiator.ts";
export { limitResponsesOutput } from "./limit-output.ts";
export {
  type ResponsesInputItem,
  ResponsesInputItemSchema,
  type ResponsesRequest,
  ResponsesRequestSchema,
  type ResponsesTool,
} from "./schema.ts";
export { responsesUsageFromText } from "./usage-from-tail.ts";
