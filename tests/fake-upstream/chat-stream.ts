import { planUsage, SLOW_CHUNK_MS, type ChatPlan } from "./chat-script";
import type { ChatMeta } from "./chat-json";
import { truncatedFrame } from "./malformed-frame";

/** Splits a tool call's arguments into 2+ pieces, like real streams do. */
export function argumentPieces(args: string): string[] {
  const size = Math.max(1, Math.min(10, Math.ceil(args.length / 2)));
  const out: string[] = [];
  for (let i = 0; i < args.length; i += size) out.push(args.slice(i, i + size));
  return out;
}

function sse(data: unknown): string {
  return `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}

/** The `data:` frames of an OpenAI chat.completion.chunk stream for a plan. */
export function chatFrames(plan: ChatPlan, meta: ChatMeta, includeUsage: boolean): string[] {
  const base = {
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    system_fingerprint: "fp_fake",
  };
  const payload = (delta: Record<string, unknown>, finish: string | null = null): Record<string, unknown> => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): string => sse(payload(delta, finish));

  const frames: string[] = [];
  const textual = plan.pieces.length > 0 || plan.reasoning !== undefined;
  frames.push(chunk({ role: "assistant", content: textual ? "" : null }));
  if (plan.reasoning !== undefined) {
    for (const t of plan.reasoning.text) frames.push(chunk({ reasoning_text: t }));
    frames.push(chunk({ reasoning_opaque: plan.reasoning.opaque }));
  }
  const cut = plan.midstreamError || plan.malformed;
  const pieces = cut ? plan.pieces.slice(0, 2) : plan.pieces;
  for (const p of pieces) frames.push(chunk({ content: p }));
  if (plan.malformed) frames.push(truncatedFrame(payload({ content: "malformed" })));
  if (cut) return frames;

  plan.toolCalls.forEach((call, index) => {
    frames.push(
      chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] }),
    );
    for (const a of argumentPieces(call.arguments)) {
      frames.push(chunk({ tool_calls: [{ index, function: { arguments: a } }] }));
    }
  });
  frames.push(chunk({}, plan.finishReason));
  if (includeUsage) frames.push(sse({ ...base, choices: [], usage: planUsage(plan, meta.promptTokens) }));
  frames.push(sse("[DONE]"));
  return frames;
}

/** Extra pause before frame `i` of a [[slow]] stream. */
export function slowDelay(plan: ChatPlan): (i: number) => number {
  return () => plan.paceMs ?? (plan.slow ? SLOW_CHUNK_MS : 0);
}
