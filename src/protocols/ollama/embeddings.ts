import { isRecord } from "./is-record.ts";
import type { OllamaEmbeddingsRequest, OllamaEmbedRequest } from "./schema.ts";

export interface OpenAIEmbeddingsBody {
  model: string;
  input: string | string[];
  dimensions?: number;
}

export interface OllamaEmbedAnswer {
  model: string;
  embeddings: number[][];
  total_duration: number;
  load_duration: number;
  prompt_eval_count: number;
}

/**
 * `POST /api/embed` → an OpenAI embeddings body. `truncate` (cut inputs to the context length) has no OpenAI
 * field: the upstream rejects an over-long input instead. `options` and `keep_alive` mean nothing to it.
 */
export function decodeOllamaEmbed(request: OllamaEmbedRequest): OpenAIEmbeddingsBody {
  return {
    model: request.model,
    input: request.input,
    ...(typeof request.dimensions === "number" ? { dimensions: request.dimensions } : {}),
  };
}

/** The legacy `POST /api/embeddings` `{model, prompt}` → an OpenAI embeddings body for its one text. */
export function decodeOllamaEmbeddings(request: OllamaEmbeddingsRequest): OpenAIEmbeddingsBody {
  return { model: request.model, input: request.prompt };
}

const isNumberArray = (value: unknown): value is number[] => Array.isArray(value) && value.every((item) => typeof item === "number");

/** The vectors of an OpenAI embeddings answer in input order (`data[].index`), read defensively. */
function vectors(json: unknown): number[][] {
  const data = isRecord(json) && Array.isArray(json.data) ? json.data.filter(isRecord) : [];
  return data
    .map((item, position) => ({ index: typeof item.index === "number" ? item.index : position, embedding: item.embedding }))
    .sort((left, right) => left.index - right.index)
    .map((item) => (isNumberArray(item.embedding) ? item.embedding : []));
}

/** When the request arrived and when it ended, epoch milliseconds; `now` may be a clock (EncodeContext's). */
export interface OllamaEmbedTiming {
  startedAt: number;
  now: number | (() => number);
}

/** An OpenAI embeddings answer → Ollama's `/api/embed` answer, with the prompt tokens and the relay's timing. */
export function encodeOllamaEmbed(json: unknown, requestedModel: string, timing: OllamaEmbedTiming): OllamaEmbedAnswer {
  const endedAt = typeof timing.now === "function" ? timing.now() : timing.now;
  const usage = isRecord(json) && isRecord(json.usage) ? json.usage : {};
  const promptTokens = typeof usage.prompt_tokens === "number" ? usage.prompt_tokens : 0;
  return {
    model: requestedModel,
    embeddings: vectors(json),
    total_duration: Math.max(0, Math.round((endedAt - timing.startedAt) * 1_000_000)),
    load_duration: 0,
    prompt_eval_count: promptTokens,
  };
}

/** An OpenAI embeddings answer → the legacy `/api/embeddings` answer: the first vector alone. */
export function encodeOllamaEmbeddings(json: unknown): { embedding: number[] } {
  return { embedding: vectors(json)[0] ?? [] };
}
