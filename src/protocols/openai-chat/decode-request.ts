import type { HubReasoningConfig, HubReasoningEffort, HubRequest, HubResponseFormat } from "../../core/hub/index.ts";
import { decodeChatMessages } from "./decode-chat-messages.ts";
import { decodeChatToolChoice, decodeChatTools } from "./decode-chat-tools.ts";
import { isRecord } from "./is-record.ts";
import type { ChatCompletionRequest } from "./schema.ts";

const efforts = new Set<string>(["none", "minimal", "low", "medium", "high", "xhigh"]);

const number = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

function decodeStop(stop: unknown): string[] | undefined {
  const list = typeof stop === "string" ? [stop] : Array.isArray(stop) ? stop.filter((item): item is string => typeof item === "string") : [];
  const kept = list.filter((item) => item !== "");
  return kept.length > 0 ? kept : undefined;
}

/** `json_object` → plain JSON; `json_schema` → JSON that follows the schema; `text` is the default and says nothing. */
function decodeResponseFormat(format: unknown, dropped: string[]): HubResponseFormat | undefined {
  if (!isRecord(format) || format.type === "text" || format.type === undefined) return undefined;
  if (format.type === "json_object") return { type: "json" };
  const spec = isRecord(format.json_schema) ? format.json_schema : undefined;
  if (format.type === "json_schema" && spec) {
    return {
      type: "json-schema",
      name: typeof spec.name === "string" && spec.name !== "" ? spec.name : "response",
      schema: isRecord(spec.schema) ? spec.schema : {},
      ...(typeof spec.description === "string" ? { description: spec.description } : {}),
      ...(typeof spec.strict === "boolean" ? { strict: spec.strict } : {}),
    };
  }
  dropped.push(`response_format: ${String(format.type)}`);
  return undefined;
}

/** `reasoning_effort`, and Copilot's own `thinking_budget` (what its Claude models take on /chat/completions). */
function decodeReasoning(body: Record<string, unknown>): HubReasoningConfig | undefined {
  const config: HubReasoningConfig = {};
  if (typeof body.reasoning_effort === "string" && efforts.has(body.reasoning_effort)) config.effort = body.reasoning_effort as HubReasoningEffort;
  const budget = number(body.thinking_budget);
  if (budget !== undefined) config.budgetTokens = budget;
  return Object.keys(config).length > 0 ? config : undefined;
}

/** Fields the hub has no place for, noted when a client set them to something other than their default. */
function noteUnsupported(body: Record<string, unknown>, dropped: string[]): void {
  if (number(body.n) !== undefined && (body.n as number) > 1) dropped.push(`n: ${String(body.n)} (one choice is returned)`);
  if (body.logprobs === true) dropped.push("logprobs");
  for (const field of ["logit_bias", "audio", "prediction", "web_search_options"]) {
    if (body[field] !== undefined && body[field] !== null) dropped.push(field);
  }
}

/**
 * A Chat Completions request → the hub request (a Chat client served by an upstream speaking another wire).
 * `max_completion_tokens` wins over the older `max_tokens`. What the hub cannot carry is noted in `dropped`.
 */
export function decodeChatRequest(request: ChatCompletionRequest): HubRequest {
  const body = request as Record<string, unknown>;
  const dropped: string[] = [];
  const { system, messages } = decodeChatMessages(request.messages, dropped);
  const tools = decodeChatTools(body.tools, body.functions, dropped);
  const toolChoice = decodeChatToolChoice(body.tool_choice, body.function_call, dropped);
  const maxOutputTokens = number(request.max_completion_tokens) ?? number(request.max_tokens);
  const stopSequences = decodeStop(body.stop);
  const responseFormat = decodeResponseFormat(body.response_format, dropped);
  const reasoning = decodeReasoning(body);
  const temperature = number(body.temperature);
  const topP = number(body.top_p);
  const seed = number(body.seed);
  const frequencyPenalty = number(body.frequency_penalty);
  const presencePenalty = number(body.presence_penalty);
  noteUnsupported(body, dropped);
  return {
    model: request.model,
    system,
    messages,
    ...(tools !== undefined ? { tools } : {}),
    ...(toolChoice !== undefined ? { toolChoice } : {}),
    ...(typeof body.parallel_tool_calls === "boolean" ? { parallelToolCalls: body.parallel_tool_calls } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(topP !== undefined ? { topP } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(frequencyPenalty !== undefined ? { frequencyPenalty } : {}),
    ...(presencePenalty !== undefined ? { presencePenalty } : {}),
    ...(stopSequences !== undefined ? { stopSequences } : {}),
    ...(responseFormat !== undefined ? { responseFormat } : {}),
    ...(reasoning !== undefined ? { reasoning } : {}),
    ...(typeof body.user === "string" && body.user !== "" ? { user: body.user } : {}),
    stream: request.stream === true,
    ...(dropped.length > 0 ? { dropped } : {}),
  };
}
