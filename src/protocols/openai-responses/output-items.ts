import { parseToolArguments } from "../openai-chat/parse-tool-arguments.ts";
import { isRecord } from "./is-record.ts";
import { toolArgumentsText } from "./tool-arguments-text.ts";

/** Output item shapes (openai `ResponseOutputItem`), shared by the result and the stream encoders. */
export type ItemStatus = "in_progress" | "completed" | "incomplete";

export const outputText = (text: string) => ({ type: "output_text", text, annotations: [], logprobs: [] });

export const messageItem = (id: string, text: string, status: ItemStatus) => ({
  id,
  type: "message",
  status,
  role: "assistant",
  content: status === "in_progress" && text === "" ? [] : [outputText(text)],
});

export const functionCallItem = (id: string, callId: string, name: string, argumentsText: string, status: ItemStatus) => ({
  id,
  type: "function_call",
  status,
  call_id: callId,
  name,
  arguments: argumentsText,
});

/** Custom tool calls carry no status (openai `ResponseCustomToolCall`). */
export const customToolCallItem = (id: string, callId: string, name: string, input: string) => ({
  id,
  type: "custom_tool_call",
  call_id: callId,
  name,
  input,
});

export const reasoningItem = (id: string, text: string, signature: string | undefined) => ({
  id,
  type: "reasoning",
  summary: text === "" ? [] : [{ type: "summary_text", text }],
  ...(signature ? { encrypted_content: signature } : {}),
});

/**
 * A call to a tool the client declared as `custom` carries free-form text: the `input` field of the hub's
 * `{input: string}` arguments (see custom-tool-schema.ts), or the raw arguments when the model sent something else.
 */
export function customToolInput(input: unknown): string {
  const value = typeof input === "string" ? parseToolArguments(input) : input;
  if (isRecord(value) && typeof value.input === "string") return value.input;
  return toolArgumentsText(input);
}
