import type { HubTool } from "../../core/hub/index.ts";
import { cleanJsonSchema } from "../anthropic-messages/clean-json-schema.ts";
import type { OllamaTool } from "./schema.ts";

/** Ollama's tools are OpenAI function tools: `{type: "function", function: {name, description, parameters}}`. */
export function decodeTools(tools: readonly OllamaTool[] | null | undefined): HubTool[] | undefined {
  if (!tools || tools.length === 0) return undefined;
  return tools.map(({ function: fn }) => ({
    name: fn.name,
    ...(typeof fn.description === "string" ? { description: fn.description } : {}),
    inputSchema: cleanJsonSchema(fn.parameters),
  }));
}
