import type { RelayError } from "../../core/relay-error.ts";

export interface OllamaErrorBody {
  error: string;
}

/** Ollama's error body, sent with the HTTP status (404 unknown model, 400 bad request): `{"error": "…"}`. */
export function ollamaErrorBody(error: RelayError): OllamaErrorBody {
  return { error: error.message };
}

/**
 * The NDJSON line that ends a stream after a failure: Ollama writes `{"error": "…"}` mid-stream and stops, and the
 * `ollama` client raises it as an Error.
 */
export function ollamaStreamErrorLine(error: Pick<RelayError, "message">): string {
  return `${JSON.stringify({ error: error.message })}\n`;
}
