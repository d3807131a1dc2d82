import type { HubResponseFormat } from "../../core/hub/index.ts";
import { cleanJsonSchema } from "../anthropic-messages/clean-json-schema.ts";
import type { OllamaFormat } from "./schema.ts";

/**
 * `format: "json"` → plain JSON output; a JSON schema object → structured output under the name "response"
 * (Ollama's schemas carry no name; OpenAI's `json_schema` needs one). Meta keywords such as `$schema`, which
 * pydantic and zod exports include, are cleaned as for tool schemas.
 */
export function decodeFormat(format: OllamaFormat | null | undefined): HubResponseFormat | undefined {
  if (format === "json") return { type: "json" };
  if (typeof format === "object" && format !== null) return { type: "json-schema", name: "response", schema: cleanJsonSchema(format) };
  return undefined;
}
