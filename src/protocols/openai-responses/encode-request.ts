import type { HubReasoningConfig, HubRequest, HubResponseFormat, HubToolChoice } from "../../core/hub/index.ts";
import type { WireOptions } from "../dialect.ts";
import { encodeInput } from "./encode-input.ts";

/** The Responses API refuses `max_output_tokens` below 16; Claude Code probes with `max_tokens: 1`. */
const MIN_OUTPUT_TOKENS = 16;

function encodeToolChoice(choice: HubToolChoice): unknown {
  return choice.type === "tool" ? { type: "function", name: choice.toolName } : choice.type;
}

/** An Anthropic thinking budget → the nearest OpenAI effort. */
function effortFromBudget(budget: number | undefined): string | undefined {
  if (budget === undefined) return undefined;
  return budget < 4096 ? "low" : budget < 16_384 ? "medium" : "high";
}

/** Only for models that take an effort; summaries are asked for so the client sees what the model thought. */
function encodeReasoning(reasoning: HubReasoningConfig | undefined, options: WireOptions): Record<string, unknown> | undefined {
  if (!reasoning || reasoning.disabled || !options.reasoningEffort) return undefined;
  const effort = reasoning.effort ?? effortFromBudget(reasoning.budgetTokens);
  if (effort === undefined && !reasoning.adaptive && reasoning.summary === undefined) return undefined;
  return { ...(effort !== undefined ? { effort } : {}), summary: reasoning.summary ?? "auto" };
}

function encodeTextFormat(format: HubResponseFormat): Record<string, unknown> {
  if (format.type === "json") return { type: "json_object" };
  return {
    type: "json_schema",
    name: format.name,
    schema: format.schema,
    ...(format.description !== undefined ? { description: format.description } : {}),
    ...(format.strict !== undefined ? { strict: format.strict } : {}),
  };
}

/**
 * A hub request → a body for Copilot's /responses, for clients of other dialects talking to Responses-only models.
 * Always `store: false` (Copilot refuses storage, PROTOCOL.md §5), so reasoning travels back as encrypted content,
 * asked for with `include`. Function tools say `strict: false` unless the client asked for strict: the Responses
 * API treats functions as strict by default, and other dialects' schemas are not written for strict mode.
 * Reasoning models refuse sampling parameters, so temperature and top_p go only to models without an effort.
 * Top-k, stop sequences, seeds and penalties have no Responses field and stay behind.
 */
export function encodeResponsesRequest(request: HubRequest, options: WireOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model };
  const instructions = request.system.map((part) => part.text).filter((text) => text !== "").join("\n\n");
  if (instructions !== "") body.instructions = instructions;
  body.input = encodeInput(request.messages);
  const tools = request.tools ?? [];
  if (tools.length > 0) {
    body.tools = tools.map((tool) => ({
      type: "function",
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      parameters: tool.inputSchema,
      strict: tool.strict ?? false,
    }));
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.toolChoice) body.tool_choice = encodeToolChoice(request.toolChoice);
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = Math.max(MIN_OUTPUT_TOKENS, request.maxOutputTokens);
  if (!options.reasoningEffort) {
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.topP !== undefined) body.top_p = request.topP;
  }
  const reasoning = encodeReasoning(request.reasoning, options);
  if (reasoning) {
    body.reasoning = reasoning;
    body.include = ["reasoning.encrypted_content"];
  }
  if (request.responseFormat) body.text = { format: encodeTextFormat(request.responseFormat) };
  if (request.user !== undefined) body.user = request.user;
  body.store = false;
  body.stream = request.stream;
  return body;
}
