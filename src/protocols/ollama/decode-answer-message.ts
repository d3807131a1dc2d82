import type { HubToolCallPart } from "../../core/hub/index.ts";
import { parseToolArguments } from "../openai-chat/parse-tool-arguments.ts";
import { isRecord } from "./is-record.ts";
import type { ToolCallIds } from "./tool-call-ids.ts";

/** What one `message` of an `/api/chat` answer (or of one stream line) says. */
export interface AnswerMessage {
  thinking: string;
  content: string;
  toolCalls: HubToolCallPart[];
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** Arguments are an object on Ollama's wire; a JSON string (OpenAI's shape) is parsed, raw when it does not parse. */
const toolInput = (input: unknown): unknown => (isRecord(input) ? input : parseToolArguments(input));

/** An answer's `message` → its thinking, text and tool calls. Tolerant: what is missing or misshapen is empty. */
export function decodeAnswerMessage(message: unknown, ids: ToolCallIds): AnswerMessage {
  const fields = isRecord(message) ? message : {};
  const calls = Array.isArray(fields.tool_calls) ? fields.tool_calls.filter(isRecord) : [];
  return {
    thinking: text(fields.thinking),
    content: text(fields.content),
    toolCalls: calls.map((call) => {
      const fn = isRecord(call.function) ? call.function : {};
      return { type: "tool-call", toolCallId: ids(call.id), toolName: text(fn.name), input: toolInput(fn.arguments) };
    }),
  };
}
