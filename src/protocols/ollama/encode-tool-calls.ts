import { toolArgumentsObject } from "./tool-arguments-object.ts";

export interface OllamaToolCallOut {
  id: string;
  function: { index: number; name: string; arguments: Record<string, unknown> };
}

/**
 * One tool call on Ollama's wire. `id` and `function.index` are what current Ollama versions add (api/types.go);
 * older clients ignore them, newer ones send the id back as `tool_call_id`, which the decoder pairs on.
 */
export function encodeToolCall(id: string, name: string, input: unknown, index: number): OllamaToolCallOut {
  return { id, function: { index, name, arguments: toolArgumentsObject(input) } };
}
