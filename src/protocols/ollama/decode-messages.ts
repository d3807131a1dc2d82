import type { HubAssistantPart, HubImagePart, HubMessage, HubTextPart, HubToolResultPart } from "../../core/hub/index.ts";
import { decodeImage } from "./decode-image.ts";
import type { OllamaMessage } from "./schema.ts";
import { toolArgumentsObject } from "./tool-arguments-object.ts";

interface PendingCall {
  id: string;
  name: string;
  answered: boolean;
}

const textParts = (text: string | null | undefined): HubTextPart[] => (text ? [{ type: "text", text }] : []);
const imageParts = (images: readonly string[] | null | undefined): HubImagePart[] => (images ?? []).map(decodeImage);

/**
 * Ollama's tool calls carry no ids (newer versions add optional ones), and a `tool` message names at most the
 * tool it answers. The hub pairs results with calls by id, so each assistant call gets a stable id
 * (`call_<messageIndex>_<n>`, or the one the client sent) and each following tool message takes a call of the
 * latest assistant turn: the one its `tool_call_id` names, else the first unanswered call with its `tool_name`,
 * else the first unanswered call. A result that finds no call (no tool calls before it) would be rejected
 * upstream as an orphan, so it is kept as user text that says which tool it came from.
 */
function createToolPairing() {
  let pending: PendingCall[] = [];
  return {
    calls(message: OllamaMessage, messageIndex: number): HubAssistantPart[] {
      const calls = message.tool_calls ?? [];
      if (calls.length > 0) pending = [];
      return calls.map((call, position) => {
        const id = call.id || `call_${messageIndex}_${position}`;
        pending.push({ id, name: call.function.name, answered: false });
        return { type: "tool-call", toolCallId: id, toolName: call.function.name, input: toolArgumentsObject(call.function.arguments) };
      });
    },
    answer(message: OllamaMessage): PendingCall | undefined {
      const open = pending.filter((call) => !call.answered);
      const match =
        (message.tool_call_id ? open.find((call) => call.id === message.tool_call_id) : undefined) ??
        (message.tool_name ? open.find((call) => call.name === message.tool_name) : undefined) ??
        open[0];
      if (match) match.answered = true;
      return match;
    },
  };
}

/**
 * Ollama chat messages → hub messages. `system` messages stay in place; an assistant turn is its thinking, text
 * and tool calls in that order; consecutive `tool` messages become one user turn of tool results, as the hub
 * (and Anthropic) expect results to answer the calls together.
 */
export function decodeMessages(messages: readonly OllamaMessage[]): HubMessage[] {
  const pairing = createToolPairing();
  const decoded: HubMessage[] = [];
  let toolResults: HubToolResultPart[] | undefined;
  messages.forEach((message, index) => {
    if (message.role !== "tool") toolResults = undefined;
    switch (message.role) {
      case "system": {
        const content = textParts(message.content);
        if (content.length > 0) decoded.push({ role: "system", content });
        return;
      }
      case "user": {
        const content = [...textParts(message.content), ...imageParts(message.images)];
        if (content.length > 0) decoded.push({ role: "user", content });
        return;
      }
      case "assistant": {
        const reasoning: HubAssistantPart[] = message.thinking ? [{ type: "reasoning", text: message.thinking }] : [];
        const content = [...reasoning, ...textParts(message.content), ...pairing.calls(message, index)];
        if (content.length > 0) decoded.push({ role: "assistant", content });
        return;
      }
      case "tool": {
        const call = pairing.answer(message);
        const output = [...textParts(message.content), ...imageParts(message.images)];
        if (!call) {
          const label = `Result of tool ${message.tool_name || "(unnamed)"}:`;
          decoded.push({ role: "user", content: [{ type: "text", text: `${label}\n${message.content ?? ""}` }, ...imageParts(message.images)] });
          toolResults = undefined;
          return;
        }
        const result: HubToolResultPart = { type: "tool-result", toolCallId: call.id, content: output };
        if (toolResults) toolResults.push(result);
        else {
          toolResults = [result];
          decoded.push({ role: "user", content: toolResults });
        }
      }
    }
  });
  return decoded;
}
