import { planChat, planUsage, type ChatPlan } from "./chat-script";
import { isRecord } from "./http";

/** Anthropic `tools` in the OpenAI shape the shared tool planner reads. */
function asFunctionTools(tools: unknown): unknown[] {
  if (!Array.isArray(tools)) return [];
  return tools
    .filter((t) => isRecord(t) && typeof t.name === "string")
    .map((t) => ({ type: "function", function: { name: t.name, parameters: t.input_schema } }));
}

function blockText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((b) => (isRecord(b) && typeof b.text === "string" ? b.text : "")).join("");
}

/** Text of the first tool_result when the last message is a user turn made only of tool_result blocks. */
function toolResultText(messages: unknown[]): string | undefined {
  const last = messages[messages.length - 1];
  if (!isRecord(last) || last.role !== "user" || !Array.isArray(last.content)) return undefined;
  const blocks = last.content;
  if (blocks.length === 0 || !blocks.every((b) => isRecord(b) && b.type === "tool_result")) return undefined;
  return blockText((blocks[0] as Record<string, unknown>).content);
}

/** The chat plan for an Anthropic request; tool_use ids are unique per response (`toolu_fake_<n>_<i>`). */
export function planMessages(model: string, messages: unknown[], tools: unknown, serial: number): ChatPlan {
  const result = toolResultText(messages);
  const plan =
    result === undefined
      ? planChat(model, messages, asFunctionTools(tools))
      : planChat(model, [{ role: "tool", content: result }], undefined);
  plan.toolCalls = plan.toolCalls.map((c, i) => ({ ...c, id: `toolu_fake_${serial}_${i + 1}` }));
  return plan;
}

export function stopReason(plan: ChatPlan): "end_turn" | "max_tokens" | "tool_use" {
  if (plan.finishReason === "tool_calls") return "tool_use";
  return plan.finishReason === "length" ? "max_tokens" : "end_turn";
}

export function outputTokens(plan: ChatPlan): number {
  return planUsage(plan, 0).completion_tokens as number;
}

export function messageUsage(inputTokens: number, output: number): Record<string, number> {
  return {
    input_tokens: inputTokens,
    output_tokens: output,
    cache_read_input_tokens: 0,
    cache_creation_input_tokens: 0,
  };
}

/** Content blocks of the final message: thinking (with signature), text, then tool_use. */
export function contentBlocks(plan: ChatPlan): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  if (plan.reasoning !== undefined) {
    blocks.push({ type: "thinking", thinking: plan.reasoning.text.join(""), signature: plan.reasoning.opaque });
  }
  if (plan.pieces.length > 0) blocks.push({ type: "text", text: plan.pieces.join("") });
  for (const c of plan.toolCalls) {
    blocks.push({ type: "tool_use", id: c.id, name: c.name, input: JSON.parse(c.arguments) as unknown });
  }
  return blocks;
}
