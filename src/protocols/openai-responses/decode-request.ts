import type { HubRequest } from "../../core/hub/index.ts";
import { decodeInput } from "./decode-input.ts";
import { decodeReasoning, decodeTextFormat } from "./decode-options.ts";
import { decodeToolChoice, decodeTools } from "./decode-tools.ts";
import type { ResponsesRequest } from "./schema.ts";

const number = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/**
 * A Responses body → the hub request, for a model whose upstream speaks another wire. `instructions` is the
 * system prompt; input items become messages. What the hub cannot carry (hosted tools, files, item references,
 * `store`, `include`, `metadata`, `truncation`, `prompt_cache_key`) stays behind, the first three with a note.
 */
export function decodeResponsesRequest(request: ResponsesRequest): HubRequest {
  const dropped: string[] = [];
  const instructions = typeof request.instructions === "string" ? request.instructions : "";
  const messages = decodeInput(request.input, dropped);
  const tools = decodeTools(request.tools, dropped);
  const toolChoice = decodeToolChoice(request.tool_choice, tools, dropped);
  const reasoning = decodeReasoning(request.reasoning);
  const responseFormat = decodeTextFormat(request.text);
  const maxOutputTokens = number(request.max_output_tokens);
  const temperature = number(request.temperature);
  const topP = number(request.top_p);
  const user = request.user ?? request.safety_identifier;
  return {
    model: request.model,
    system: instructions === "" ? [] : [{ type: "text", text: instructions }],
    messages,
    ...(tools !== undefined ? { tools } : {}),
    ...(toolChoice !== undefined ? { toolChoice } : {}),
    ...(typeof request.parallel_tool_calls === "boolean" ? { parallelToolCalls: request.parallel_tool_calls } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(topP !== undefined ? { topP } : {}),
    ...(responseFormat !== undefined ? { responseFormat } : {}),
    ...(reasoning !== undefined ? { reasoning } : {}),
    ...(typeof user === "string" && user !== "" ? { user } : {}),
    stream: request.stream === true,
    ...(dropped.length > 0 ? { dropped } : {}),
  };
}
