import { planChat, type ChatPlan } from "./chat-script";
import { isRecord } from "./http";

/** A function_call_output's `output`: a string, or parts whose text is joined. */
function outputText(output: unknown): string {
  if (typeof output === "string") return output;
  if (!Array.isArray(output)) return "";
  return output.map((p) => (isRecord(p) && typeof p.text === "string" ? p.text : "")).join("");
}

/** One Responses input item as a chat message the shared planner reads, or undefined to skip it. */
function chatMessage(item: unknown): unknown {
  if (!isRecord(item)) return undefined;
  const type = item.type ?? (item.role !== undefined ? "message" : undefined);
  switch (type) {
    case "message":
      // String or part content; the planner reads the `text` of input_text / output_text parts.
      return { role: item.role, content: item.content };
    case "function_call":
      return {
        role: "assistant",
        content: null,
        tool_calls: [{ id: item.call_id, type: "function", function: { name: item.name, arguments: item.arguments } }],
      };
    case "function_call_output":
      return { role: "tool", tool_call_id: item.call_id, content: outputText(item.output) };
    default:
      // Reasoning and other items say nothing the planner needs.
      return undefined;
  }
}

/** Responses `input` (a string or items) as chat messages: a trailing function_call_output becomes a tool turn. */
export function chatMessages(input: unknown): unknown[] {
  if (typeof input === "string") return [{ role: "user", content: input }];
  if (!Array.isArray(input)) return [];
  return input.map(chatMessage).filter((m) => m !== undefined);
}

/** Responses function tools ({type, name, parameters}) in the chat shape the tool planner reads. */
export function chatTools(tools: unknown): unknown[] {
  if (!Array.isArray(tools)) return [];
  return tools
    .filter((t) => isRecord(t) && t.type === "function" && typeof t.name === "string")
    .map((t) => ({ type: "function", function: { name: t.name, parameters: t.parameters } }));
}

/** The plan for a /responses request: [[echo]] repeats the raw `input`; call ids are unique per response. */
export function planResponses(
  model: string,
  body: Record<string, unknown>,
  messages: unknown[],
  serial: number,
): ChatPlan {
  const plan = planChat(model, messages, chatTools(body.tools), body.input);
  plan.toolCalls = plan.toolCalls.map((c, i) => ({ ...c, id: `call_${serial}_${i + 1}` }));
  return plan;
}
