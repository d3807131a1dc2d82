import { planUsage, type ChatPlan } from "./chat-script";

export interface ChatMeta {
  id: string;
  created: number;
  model: string;
  promptTokens: number;
}

/** Non-streaming chat.completion object for a plan. */
export function completionObject(plan: ChatPlan, meta: ChatMeta): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: "assistant",
    content: plan.pieces.length > 0 ? plan.pieces.join("") : null,
  };
  if (plan.reasoning !== undefined) {
    message.reasoning_text = plan.reasoning.text.join("");
    message.reasoning_opaque = plan.reasoning.opaque;
  }
  if (plan.toolCalls.length > 0) {
    message.tool_calls = plan.toolCalls.map((c) => ({
      id: c.id,
      type: "function",
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    system_fingerprint: "fp_fake",
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason }],
    usage: planUsage(plan, meta.promptTokens),
  };
}
