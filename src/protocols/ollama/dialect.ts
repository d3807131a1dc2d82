import { createValidator } from "../../core/validate.ts";
import type { Dialect } from "../dialect.ts";
import { decodeOllamaChatRequest, decodeOllamaGenerateRequest } from "./decode-request.ts";
import { decodeOllamaChatResult } from "./decode-result.ts";
import { createOllamaChatStreamDecoder } from "./decode-stream.ts";
import { encodeOllamaChatRequest } from "./encode-request.ts";
import { encodeOllamaChatResult, encodeOllamaGenerateResult } from "./encode-result.ts";
import { createOllamaChatStreamEncoder, createOllamaGenerateStreamEncoder } from "./encode-stream.ts";
import { ollamaErrorBody, ollamaStreamErrorLine } from "./error-envelope.ts";
import { ollamaChatHasImage, ollamaGenerateHasImage } from "./has-image.ts";
import { ollamaChatInitiator, ollamaGenerateInitiator } from "./initiator.ts";
import { limitOllamaOutput } from "./limit-output.ts";
import { isOllamaChatLoad, isOllamaGenerateLoad, ollamaLoadAnswer } from "./load-request.ts";
import {
  type OllamaChatRequest,
  OllamaChatRequestSchema,
  type OllamaGenerateRequest,
  OllamaGenerateRequestSchema,
} from "./schema.ts";
import { ollamaUsageFromText } from "./usage-from-text.ts";

/**
 * What both Ollama endpoints share: NDJSON framing without a `[DONE]` sentinel, streaming unless `stream: false`,
 * the `{error}` envelope. The model id is used as the client sent it: the relay's resolver maps `name:latest`.
 */
const shared = {
  framing: "ndjson",
  doneSentinel: false,
  model: (request: { model: string }) => request.model,
  setModel: (request: { model: string }, model: string) => {
    request.model = model;
  },
  stream: (request: { stream?: boolean | null }) => request.stream !== false,
  limitOutput: limitOllamaOutput,
  errorBody: ollamaErrorBody,
  streamErrorEvent: ollamaStreamErrorLine,
  usageFromText: ollamaUsageFromText,
} as const;

/** `POST /api/chat`, as a client dialect and as the wire of an Ollama upstream (its native API, NDJSON streams). */
export const ollamaChatDialect: Dialect<OllamaChatRequest> = {
  ...shared,
  id: "ollama-chat",
  validate: createValidator<OllamaChatRequest>(OllamaChatRequestSchema),
  turn: (request) => ({ initiator: ollamaChatInitiator(request) }),
  hasImage: ollamaChatHasImage,
  decodeRequest: decodeOllamaChatRequest,
  encodeResult: encodeOllamaChatResult,
  createStreamEncoder: createOllamaChatStreamEncoder,
  answerLocally: (request, now) => (isOllamaChatLoad(request) ? ollamaLoadAnswer("chat", request, new Date(now).toISOString()) : undefined),
  // Wrapped: the functions' optional extras (a notes list, a fixed tool-call id suffix) are for tests, not the relay.
  wire: {
    framing: "ndjson",
    encodeRequest: encodeOllamaChatRequest,
    decodeResult: (json) => decodeOllamaChatResult(json),
    createStreamDecoder: () => createOllamaChatStreamDecoder(),
  },
};

/** `POST /api/generate` (client only: the relay calls Ollama upstreams through /api/chat). */
export const ollamaGenerateDialect: Dialect<OllamaGenerateRequest> = {
  ...shared,
  id: "ollama-generate",
  validate: createValidator<OllamaGenerateRequest>(OllamaGenerateRequestSchema),
  turn: () => ({ initiator: ollamaGenerateInitiator() }),
  hasImage: ollamaGenerateHasImage,
  decodeRequest: decodeOllamaGenerateRequest,
  encodeResult: encodeOllamaGenerateResult,
  createStreamEncoder: createOllamaGenerateStreamEncoder,
  answerLocally: (request, now) => (isOllamaGenerateLoad(request) ? ollamaLoadAnswer("generate", request, new Date(now).toISOString()) : undefined),
};
