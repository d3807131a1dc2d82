import { planUsage, type ChatPlan } from "./chat-script";
import type { ToolCallPlan } from "./chat-tools";
import { isRecord } from "./http";

type Json = Record<string, unknown>;

export interface ResponsesMeta {
  serial: number;
  createdAt: number;
  model: string;
  inputTokens: number;
  /** The request body, whose settings a Response echoes. */
  body: Json;
}

export type ResponsesStatus = "in_progress" | "completed" | "incomplete" | "failed";

export const FAILED_ERROR = { code: "server_error", message: "The model failed mid-stream" };

export function reasoningId(meta: ResponsesMeta): string {
  return `rs_${meta.serial}`;
}

export function messageId(meta: ResponsesMeta): string {
  return `msg_${meta.serial}`;
}

export function functionCallId(call: ToolCallPlan): string {
  return call.id.replace(/^call_/, "fc_");
}

/** [[length]] ends the response as incomplete; anything else completes it. */
export function finalStatus(plan: ChatPlan): "completed" | "incomplete" {
  return plan.finishReason === "length" ? "incomplete" : "completed";
}

/** The reasoning item: empty while streaming starts, with its summary and encrypted_content when done. */
export function reasoningItem(plan: ChatPlan, meta: ResponsesMeta, done: boolean): Json {
  if (!done) return { id: reasoningId(meta), type: "reasoning", summary: [] };
  const text = plan.reasoning?.text.join("") ?? "";
  return {
    id: reasoningId(meta),
    type: "reasoning",
    summary: [{ type: "summary_text", text }],
    encrypted_content: `enc-${meta.serial}`,
  };
}

export function outputText(text: string): Json {
  return { type: "output_text", text, annotations: [] };
}

/** The assistant message item; `status` is in_progress while streaming starts. */
export function messageItem(plan: ChatPlan, meta: ResponsesMeta, status: string): Json {
  const content = status === "in_progress" ? [] : [outputText(plan.pieces.join(""))];
  return { id: messageId(meta), type: "message", status, role: "assistant", content };
}

export function functionCallItem(call: ToolCallPlan, done: boolean): Json {
  return {
    id: functionCallId(call),
    type: "function_call",
    status: done ? "completed" : "in_progress",
    arguments: done ? call.arguments : "",
    call_id: call.id,
    name: call.name,
  };
}

/** Every output item of the finished response, in order: reasoning, message, function calls. */
export function outputItems(plan: ChatPlan, meta: ResponsesMeta): Json[] {
  const items: Json[] = [];
  if (plan.reasoning !== undefined) items.push(reasoningItem(plan, meta, true));
  if (plan.pieces.length > 0) items.push(messageItem(plan, meta, finalStatus(plan)));
  for (const call of plan.toolCalls) items.push(functionCallItem(call, true));
  return items;
}

export function responseUsage(plan: ChatPlan, meta: ResponsesMeta): Json {
  const chat = planUsage(plan, meta.inputTokens);
  const output = chat.completion_tokens as number;
  const reasoningTokens = plan.reasoning === undefined ? 0 : plan.reasoning.text.length;
  return {
    input_tokens: meta.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: meta.inputTokens + output,
  };
}

/** A Response object echoing the request's settings, as Copilot returns it (always store: false). */
export function responseObject(meta: ResponsesMeta, status: ResponsesStatus, output: Json[], usage: Json | null): Json {
  const { body } = meta;
  const reasoning = isRecord(body.reasoning) ? body.reasoning : {};
  return {
    id: `resp_${meta.serial}`,
    object: "response",
    created_at: meta.createdAt,
    status,
    background: false,
    error: status === "failed" ? FAILED_ERROR : null,
    incomplete_details: status === "incomplete" ? { reason: "max_output_tokens" } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    metadata: body.metadata ?? {},
    model: meta.model,
    output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: reasoning.effort ?? null, summary: reasoning.summary ?? null },
    store: false,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: "text" } },
    tool_choice: body.tool_choice ?? "auto",
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? "disabled",
    usage,
    user: body.user ?? null,
  };
}
