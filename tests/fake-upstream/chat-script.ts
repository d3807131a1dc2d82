import { isRecord } from "./http";
import { planToolCalls, type ToolCallPlan } from "./chat-tools";

/** What the fake model will say, derived from directives in the last user message. */
export interface ChatPlan {
  /** Content pieces: one stream chunk each; concatenated when not streaming. Empty = content null. */
  pieces: string[];
  reasoning: { text: string[]; opaque: string } | undefined;
  toolCalls: ToolCallPlan[];
  finishReason: "stop" | "length" | "tool_calls";
  /** [[slow]]: 50 ms between chunks. */
  slow: boolean;
  /** [[midstream-error]]: two content chunks, then the connection breaks. */
  midstreamError: boolean;
}

export const SLOW_CHUNK_MS = 50;
const SLOW_CHUNKS = 200;

export function defaultReply(model: string): string {
  return `Hello from ${model}! héllo 👋 — 你好`;
}

/** String content, or the concatenated text parts of an array content. */
export function messageText(message: unknown): string {
  if (!isRecord(message)) return "";
  const { content } = message;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((p) => (isRecord(p) && typeof p.text === "string" ? p.text : ""))
    .join("");
}

/** Word pieces that keep their leading whitespace, so joining them gives the text back. */
export function words(text: string): string[] {
  return text.match(/\s*\S+\s*$|\s*\S+/g) ?? [text];
}

/** Pieces of at most `size` code points (never splits a surrogate pair). */
function slices(text: string, size: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
  return out;
}

export function directives(text: string): Map<string, number | undefined> {
  const found = new Map<string, number | undefined>();
  for (const m of text.matchAll(/\[\[([a-z0-9-]+)(?::(\d+))?\]\]/gi)) {
    const name = (m[1] ?? "").toLowerCase();
    found.set(name, m[2] === undefined ? undefined : Number(m[2]));
  }
  return found;
}

/** Text of the last message whose role is "user" ("" when there is none). */
export function lastUserText(messages: unknown[]): string {
  return messageText([...messages].reverse().find((m) => isRecord(m) && m.role === "user"));
}

export function planChat(model: string, messages: unknown[], tools: unknown): ChatPlan {
  const plan: ChatPlan = {
    pieces: [],
    reasoning: undefined,
    toolCalls: [],
    finishReason: "stop",
    slow: false,
    midstreamError: false,
  };
  const last = messages[messages.length - 1];
  if (isRecord(last) && last.role === "tool") {
    plan.pieces = words(`Tool said: ${messageText(last)}`);
    return plan;
  }
  const d = directives(lastUserText(messages));

  if (d.has("reasoning")) plan.reasoning = { text: ["Let me ", "think."], opaque: "opaque-sig" };
  plan.slow = d.has("slow");
  plan.midstreamError = d.has("midstream-error");
  if (d.has("tool") || d.has("tools2")) plan.toolCalls = planToolCalls(tools, d.has("tools2") ? 2 : 1);

  const chunks = d.get("chunks");
  if (plan.toolCalls.length > 0) {
    plan.finishReason = "tool_calls";
  } else if (chunks !== undefined) {
    plan.pieces = Array.from({ length: chunks }, () => "tok ");
  } else if (plan.slow) {
    plan.pieces = Array.from({ length: SLOW_CHUNKS }, () => "tok ");
  } else if (d.has("echo")) {
    plan.pieces = slices(JSON.stringify(messages), 16);
  } else {
    plan.pieces = words(defaultReply(model));
  }
  if (d.has("length") && plan.finishReason === "stop") plan.finishReason = "length";
  return plan;
}

/** Deterministic usage: prompt from the request size, completion from what is emitted. */
export function planUsage(plan: ChatPlan, promptTokens: number): Record<string, unknown> {
  const reasoningTokens = plan.reasoning === undefined ? 0 : plan.reasoning.text.length;
  const completion = plan.pieces.length + plan.toolCalls.length + reasoningTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completion,
    total_tokens: promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
}
