import type { HubAssistantPart, HubMessage, HubReasoningPart, HubTextPart, HubToolResultPart } from "../../core/hub/index.ts";
import { parseToolArguments } from "../openai-chat/parse-tool-arguments.ts";
import { decodeContent } from "./decode-content.ts";
import { isRecord, stringField } from "./is-record.ts";

type Decoded =
  | { side: "assistant"; parts: HubAssistantPart[] }
  | { side: "tool-output"; part: HubToolResultPart }
  | { side: "message"; message: HubMessage };

/** Summary texts joined by a blank line (the reasoning_text content when there is no summary); the encrypted blob signs it. */
export function decodeReasoningItem(item: Record<string, unknown>): HubReasoningPart | undefined {
  const texts = (key: string): string[] => {
    const parts = Array.isArray(item[key]) ? (item[key] as unknown[]).filter(isRecord) : [];
    return parts.map((part) => stringField(part, "text") ?? "").filter((text) => text !== "");
  };
  const summary = texts("summary");
  const text = (summary.length > 0 ? summary : texts("content")).join("\n\n");
  const signature = stringField(item, "encrypted_content");
  if (text === "" && !signature) return undefined;
  return { type: "reasoning", text, ...(signature ? { signature } : {}) };
}

function decodeMessage(item: Record<string, unknown>, dropped: string[]): Decoded | undefined {
  const role = item.role;
  const parts = decodeContent(item.content, dropped);
  const texts = parts.filter((part): part is HubTextPart => part.type === "text");
  if (role !== "user" && texts.length < parts.length) dropped.push(`images in a ${String(role)} message`);
  switch (role) {
    case "user":
      return parts.length > 0 ? { side: "message", message: { role: "user", content: parts } } : undefined;
    case "assistant":
      return texts.length > 0 ? { side: "assistant", parts: texts } : undefined;
    case "system":
    case "developer":
      return texts.length > 0 ? { side: "message", message: { role: "system", content: texts } } : undefined;
    default:
      dropped.push(`message with role ${String(role)}`);
      return undefined;
  }
}

const callId = (item: Record<string, unknown>): string => stringField(item, "call_id") ?? stringField(item, "id") ?? "";

const toolCall = (item: Record<string, unknown>, input: unknown): Decoded => ({
  side: "assistant",
  parts: [{ type: "tool-call", toolCallId: callId(item), toolName: stringField(item, "name") ?? "", input }],
});

function decodeItem(item: Record<string, unknown>, dropped: string[]): Decoded | undefined {
  const type = item.type ?? (item.role !== undefined ? "message" : "item_reference");
  switch (type) {
    case "message":
      return decodeMessage(item, dropped);
    case "function_call":
      return toolCall(item, parseToolArguments(item.arguments));
    // Custom (free-form) tools become hub tools taking {input: string} (see decode-tools.ts).
    case "custom_tool_call":
      return toolCall(item, { input: stringField(item, "input") ?? "" });
    case "function_call_output":
    case "custom_tool_call_output":
      return { side: "tool-output", part: { type: "tool-result", toolCallId: callId(item), content: decodeContent(item.output, dropped) } };
    case "reasoning": {
      const part = decodeReasoningItem(item);
      return part ? { side: "assistant", parts: [part] } : undefined;
    }
    case "item_reference": {
      const id = stringField(item, "id");
      dropped.push(`item_reference${id ? ` ${id}` : ""} (nothing is stored to resolve it)`);
      return undefined;
    }
    default:
      dropped.push(`input item ${String(type)}`);
      return undefined;
  }
}

/**
 * Responses input items → hub messages, in order. A turn is spread over several items (reasoning, text, each
 * function call), so consecutive assistant-side items merge into one assistant message and consecutive tool
 * outputs into one user message, the shape every other dialect expects.
 */
export function decodeInput(input: unknown, dropped: string[]): HubMessage[] {
  if (typeof input === "string") return input === "" ? [] : [{ role: "user", content: [{ type: "text", text: input }] }];
  if (!Array.isArray(input)) return [];
  const messages: HubMessage[] = [];
  let lastSide: Decoded["side"] | undefined;
  for (const item of input) {
    if (!isRecord(item)) continue;
    const decoded = decodeItem(item, dropped);
    if (!decoded) continue;
    const last = messages.at(-1);
    if (decoded.side === "assistant") {
      if (lastSide === "assistant" && last?.role === "assistant") last.content.push(...decoded.parts);
      else messages.push({ role: "assistant", content: decoded.parts });
    } else if (decoded.side === "tool-output") {
      if (lastSide === "tool-output" && last?.role === "user") last.content.push(decoded.part);
      else messages.push({ role: "user", content: [decoded.part] });
    } else {
      messages.push(decoded.message);
    }
    lastSide = decoded.side;
  }
  return messages;
}
