import type { HubRequest, HubResponseFormat, HubToolChoice } from "../../core/hub/index.ts";
import { clampBudget, requestedBudget, requestedEffort } from "../anthropic-messages/reasoning-budget.ts";
import type { WireOptions } from "../dialect.ts";
import { encodeMessages } from "./encode-messages.ts";

/**
 * @deprecated The shape before WireOptions; still accepted so older callers keep working. `supportsThinking`
 * means an unbounded `thinking_budget` and no `reasoning_effort`.
 */
export interface ChatRequestOptions {
  useMaxCompletionTokens: boolean;
  supportsThinking?: boolean;
}

function wireOptions(options: WireOptions | ChatRequestOptions): WireOptions {
  if ("reasoningEffort" in options) return options;
  return {
    useMaxCompletionTokens: options.useMaxCompletionTokens,
    reasoningEffort: false,
    ...(options.supportsThinking ? { thinkingBudget: { min: 0, max: Number.POSITIVE_INFINITY } } : {}),
  };
}

function encodeToolChoice(choice: HubToolChoice): unknown {
  switch (choice.type) {
    case "auto":
      return "auto";
    case "none":
      return "none";
    case "required":
      return "required";
    case "tool":
      return { type: "function", function: { name: choice.toolName } };
  }
}

function encodeResponseFormat(format: HubResponseFormat): Record<string, unknown> {
  if (format.type === "json") return { type: "json_object" };
  return {
    type: "json_schema",
    json_schema: {
      name: format.name,
      schema: format.schema,
      ...(format.strict !== undefined ? { strict: format.strict } : {}),
      ...(format.description !== undefined ? { description: format.description } : {}),
    },
  };
}

/**
 * Reasoning in the field the model takes: Copilot's Claude models a `thinking_budget` (an effort becomes a budget),
 * OpenAI reasoning models a `reasoning_effort` (a budget becomes an effort). Models that take neither get nothing.
 */
function encodeReasoning(request: HubRequest, options: WireOptions): Record<string, unknown> {
  if (options.thinkingBudget) {
    const budget = requestedBudget(request.reasoning);
    return budget === undefined ? {} : { thinking_budget: clampBudget(budget, options.thinkingBudget) };
  }
  if (options.reasoningEffort) {
    const effort = requestedEffort(request.reasoning);
    return effort === undefined ? {} : { reasoning_effort: effort };
  }
  return {};
}

/**
 * A hub request → a Chat Completions body for Copilot. `top_k` has no Chat Completions field and is dropped;
 * adaptive reasoning has no Copilot field either, so only an explicit budget or effort is sent.
 */
export function encodeChatRequest(request: HubRequest, given: WireOptions | ChatRequestOptions): Record<string, unknown> {
  const options = wireOptions(given);
  const body: Record<string, unknown> = { model: request.model, messages: encodeMessages(request) };
  const hasTools = request.tools !== undefined && request.tools.length > 0;
  if (request.tools && hasTools) {
    body.tools = request.tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        parameters: tool.inputSchema,
        ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
      },
    }));
  }
  if (request.toolChoice) body.tool_choice = encodeToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined && hasTools) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.maxOutputTokens !== undefined) {
    body[options.useMaxCompletionTokens ? "max_completion_tokens" : "max_tokens"] = request.maxOutputTokens;
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stopSequences && request.stopSequences.length > 0) body.stop = request.stopSequences;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.responseFormat) body.response_format = encodeResponseFormat(request.responseFormat);
  Object.assign(body, encodeReasoning(request, options));
  if (request.user !== undefined) body.user = request.user;
  body.stream = request.stream;
  if (request.stream) body.stream_options = { include_usage: true };
  return body;
}
