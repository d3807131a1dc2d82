import type { RelayError } from "../../core/relay-error.ts";
import { anthropicErrorBody } from "../../protocols/anthropic-messages/index.ts";
import { ollamaErrorBody } from "../../protocols/ollama/index.ts";
import { openAIErrorBody } from "../../protocols/openai-chat/index.ts";

/** The error envelope a path's callers expect, for refusals made before any route runs. */
export function errorBodyFor(path: string): (error: RelayError) => unknown {
  if (path.startsWith("/api/")) return ollamaErrorBody;
  if (path.startsWith("/v1/messages") || path.startsWith("/messages")) return anthropicErrorBody;
  return openAIErrorBody;
}
