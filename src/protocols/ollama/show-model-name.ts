import { RelayError } from "../../core/relay-error.ts";
import type { OllamaShowRequest } from "./schema.ts";

/** `POST /api/show` names the model in `model`; clients written for older Ollama versions send `name`. */
export function ollamaShowModelName(request: OllamaShowRequest): string {
  const name = request.model || request.name;
  if (!name) throw new RelayError("invalid_request", "model is required", { param: "model", code: "invalid_request_body" });
  return name;
}
