import { isRecord } from "./http";
import { planToolCalls, type ToolCallPlan } from "./chat-tools";

/**
 * Directives: `[[name]]` or `[[name:N]]` in the text of the last user message script the fake model on
 * /chat/completions, /v1/messages and /responses alike.
 *   [[tool]] / [[tools2]]  one call to the first tool / two calls (to the first two tools when there are two)
 *   [[reasoning]]          reasoning first ("Let me think.")
 *   [[chunks:N]]           N content pieces "tok "
 *   [[slow]]               200 pieces, 50 ms apart (for cancellation tests)
 *   [[pace:N]]             N ms between stream chunks (with [[chunks:N]]: an LLM-like stream)
 *   [[wait:N]]             N ms before the answer starts, headers included (an upstream's time to first byte)
 *   [[length]]             stop because of the output limit (length / max_tokens / incomplete)
 *   [[echo]]               the request's messages (on /responses: its `input`) as JSON, in 16-character pieces
 *   [[midstream-error]]    streams: two content pieces, then the connection breaks; JSON: half a body, then breaks
 *   [[malformed]]          streams: two content pieces, then a `data:` line that is not valid JSON, then a normal close
 *   [[failed]]             /responses streams: two text deltas, then a `response.failed` event, then a normal close
 *   [[too-long]]           400 model_max_prompt_tokens_exceeded (prompt-limit.ts)
 * When the last message is a tool result the answer is `Tool said: <result>` and directives are ignored.
 */

/** What the fake model will say, derived from directives in the last user message. */
export interface ChatPlan {
  /** Content pieces: one stream chunk each; concatenated when not streaming. Empty = content null. */
  pieces: string[];
  reasoning: { text: string[]; opaque: string } | undefined;
  toolCalls: ToolCallPlan[];
  finishReason: "stop" | "length" | "tool_calls";
  /** [[slow]]: 50 ms between chunks. */
  slow: boolean;
  /** [[pace:N]]: ms between stream chunks. */
  paceMs?: number;
  /** [[wait:N]]: ms before the answer starts. */
  waitMs?: number;
  /** [[midstream-error]]: two content chunks, then the connection breaks. */
  midstreamError: boolean;
  /** [[malformed]]: two content chunks, then a `data:` line that is not JSON, then a normal close. */
  malformed: boolean;
  /** [[failed]]: two text deltas, then `response.failed` (the Responses stream only). */
  failed: boolean;
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
export function slices(text: string, size: number): string[] {
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

/** `echoed` is what [[echo]] repeats back; by default the messages. */
export function planChat(model: string, messages: unknown[], tools: unknown, echoed: unknown = messages): ChatPlan {
  const plan: ChatPlan = {
    pieces: [],
    reasoning: undefined,
    toolCalls: [],
    finishReason: "stop",
    slow: false,
    midstreamError: false,
    malformed: false,
    failed: false,
  };
  const last = messages[messages.length - 1];
  if (isRecord(last) && last.role === "tool") {
    plan.pieces = words(`Tool said: ${messageText(last)}`);
    return plan;
  }
  const d = directives(lastUserText(messages));

  if (d.has("reasoning")) plan.reasoning = { text: ["Let me ", "think."], opaque: "opaque-sig" };
  plan.slow = d.has("slow");
  if (d.get("pace") !== undefined) plan.paceMs = d.get("pace");
  if (d.get("wait") !== undefined) plan.waitMs = d.get("wait");
  plan.midstreamError = d.has("midstream-error");
  plan.malformed = d.has("malformed");
  plan.failed = d.has("failed");
  if (d.has("tool") || d.has("tools2")) plan.toolCalls = planToolCalls(tools, d.has("tools2") ? 2 : 1);

  const chunks = d.get("chunks");
  if (plan.toolCalls.length > 0) {
    plan.finishReason = "tool_calls";
  } else if (chunks !== undefined) {
    plan.pieces = Array.from({ length: chunks }, () => "tok ");
  } else if (plan.slow) {
    plan.pieces = Array.from({ length: SLOW_CHUNKS }, () => "tok ");
  } else if (d.has("echo")) {
    plan.pieces = slices(JSON.stringify(echoed), 16);
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
