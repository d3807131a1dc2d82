import type { HubAssistantPart, HubMessage, HubTextPart, HubToolResultPart, HubUserPart } from "../../core/hub/index.ts";
import { decodeChatContent, decodeChatTexts } from "./decode-chat-content.ts";
import { isRecord } from "./is-record.ts";
import { parseToolArguments } from "./parse-tool-arguments.ts";
import type { ChatMessage } from "./schema.ts";

type Fields = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/**
 * Legacy `function_call`s carry no id; each gets one, and the `function` message that answers it (matched by name,
 * in order) takes the same id, so the pair survives into dialects that link results to calls by id.
 */
function createLegacyCallIds() {
  const unanswered: { id: string; name: string }[] = [];
  let count = 0;
  return {
    call(name: string): string {
      const id = `call_legacy_${count++}`;
      unanswered.push({ id, name });
      return id;
    },
    answer(name: string): string {
      const at = unanswered.findIndex((call) => call.name === name);
      if (at !== -1) return unanswered.splice(at, 1)[0]?.id ?? "";
      return unanswered.shift()?.id ?? `call_legacy_${count++}`;
    },
  };
}

function decodeAssistant(message: Fields, where: string, dropped: string[], legacy: ReturnType<typeof createLegacyCallIds>): HubAssistantPart[] {
  const parts: HubAssistantPart[] = [];
  // Copilot's Claude models answer with reasoning_text / reasoning_opaque; clients send them back as given.
  const reasoningText = text(message.reasoning_text);
  const signature = text(message.reasoning_opaque);
  if (reasoningText !== "" || signature !== "") parts.push({ type: "reasoning", text: reasoningText, ...(signature ? { signature } : {}) });
  const texts = decodeChatTexts(message.content, where, dropped);
  if (texts.length === 0 && text(message.refusal) !== "") texts.push({ type: "text", text: text(message.refusal) });
  parts.push(...texts);
  const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  toolCalls.forEach((call, position) => {
    if (!isRecord(call)) return;
    const fn = isRecord(call.function) ? call.function : undefined;
    if (!fn || (call.type !== undefined && call.type !== "function")) {
      dropped.push(`${where}.tool_calls[${position}]: ${String(call.type)} tool call`);
      return;
    }
    const toolCallId = text(call.id) || `call_${position}`;
    parts.push({ type: "tool-call", toolCallId, toolName: text(fn.name), input: parseToolArguments(fn.arguments) });
  });
  if (isRecord(message.function_call)) {
    const name = text(message.function_call.name);
    parts.push({ type: "tool-call", toolCallId: legacy.call(name), toolName: name, input: parseToolArguments(message.function_call.arguments) });
  }
  return parts;
}

/**
 * Chat messages → the hub's system prompt and messages. Leading system/developer messages form the system
 * prompt; later ones stay in place as system messages. `tool` (and legacy `function`) messages become tool-result
 * parts of one user turn, and a user message right after them joins that turn: a hub user turn holds everything
 * said between two assistant turns, which is Anthropic's shape and what the Chat encoder splits back apart.
 */
export function decodeChatMessages(messages: readonly ChatMessage[], dropped: string[]): { system: HubTextPart[]; messages: HubMessage[] } {
  const system: HubTextPart[] = [];
  const hub: HubMessage[] = [];
  const legacy = createLegacyCallIds();
  // The user turn that tool results are collecting into, while it is still the last hub message.
  let toolTurn: { role: "user"; content: HubUserPart[] } | undefined;
  const addToolResult = (result: HubToolResultPart) => {
    if (toolTurn === undefined || hub.at(-1) !== toolTurn) {
      toolTurn = { role: "user", content: [] };
      hub.push(toolTurn);
    }
    toolTurn.content.push(result);
  };

  messages.forEach((message, position) => {
    const where = `messages[${position}]`;
    const fields = message as Fields;
    switch (message.role) {
      case "system":
      case "developer": {
        const texts = decodeChatTexts(message.content, where, dropped);
        if (hub.length === 0) system.push(...texts);
        else if (texts.length > 0) hub.push({ role: "system", content: texts });
        break;
      }
      case "user": {
        const parts = decodeChatContent(message.content, where, dropped);
        if (toolTurn !== undefined && hub.at(-1) === toolTurn) toolTurn.content.push(...parts);
        else if (parts.length > 0) hub.push({ role: "user", content: parts });
        toolTurn = undefined;
        break;
      }
      case "tool":
      case "function": {
        const toolCallId = message.role === "tool" ? text(fields.tool_call_id) : legacy.answer(text(fields.name));
        addToolResult({ type: "tool-result", toolCallId, content: decodeChatContent(message.content, where, dropped) });
        break;
      }
      case "assistant": {
        const parts = decodeAssistant(fields, where, dropped, legacy);
        if (parts.length > 0) hub.push({ role: "assistant", content: parts });
        break;
      }
    }
  });
  return { system, messages: hub };
}
