import { createSseParser, type SseEvent } from "../../src/core/sse-parser.ts";
import type { HubStreamPart } from "../../src/core/hub/index.ts";
import type { EncodeContext } from "../../src/protocols/dialect.ts";
import { createChatStreamDecoder } from "../../src/protocols/openai-chat/index.ts";
import { createResponsesStreamEncoder } from "../../src/protocols/openai-responses/index.ts";
import { split } from "./helpers.ts";

/** 2026-01-01T00:00:00Z, so created_at is stable. */
export const NOW = 1_767_225_600_000;

export function encodeContext(request: Record<string, unknown> = { model: "gpt-5-codex", input: "hi" }): EncodeContext {
  return {
    requestedModel: typeof request.model === "string" ? request.model : "gpt-5-codex",
    requestId: "req-1",
    estimatedInputTokens: 12,
    request,
    startedAt: NOW,
    now: () => NOW,
  };
}

export interface ResponsesEvent {
  event: string | undefined;
  data: Record<string, any>;
}

export function parseResponsesSse(text: string): ResponsesEvent[] {
  const parser = createSseParser();
  const events = [...parser.push(new TextEncoder().encode(text)), ...parser.flush()];
  return events.map((event) => ({ event: event.event, data: JSON.parse(event.data) }));
}

const quote = (value: unknown) => JSON.stringify(value);

function describeItem(item: Record<string, any>): string {
  switch (item.type) {
    case "message":
      return `message ${item.status} ${quote(item.content.map((part: any) => part.text).join(""))}`;
    case "function_call":
      return `function_call ${item.status} ${item.call_id} ${item.name} ${item.arguments}`;
    case "custom_tool_call":
      return `custom_tool_call ${item.call_id} ${item.name} ${quote(item.input)}`;
    case "reasoning":
      return `reasoning ${quote(item.summary.map((part: any) => part.text).join(""))}${item.encrypted_content ? ` encrypted=${item.encrypted_content}` : ""}`;
    default:
      return String(item.type);
  }
}

/** One readable line per Responses event, so expected sequences read like a transcript. */
export function describeResponsesEvent({ event, data }: ResponsesEvent): string {
  if (event !== data.type) return `MISMATCH event:${event} type:${data.type}`;
  const at = data.output_index;
  switch (data.type) {
    case "response.created":
    case "response.in_progress":
      return `${data.type} ${data.response.status}`;
    case "response.completed":
    case "response.incomplete":
      return `${data.type} ${data.response.status} ${quote(data.response.usage)}`;
    case "response.failed":
      return `${data.type} ${data.response.error.code}: ${data.response.error.message}`;
    case "response.output_item.added":
      return `added ${at} ${describeItem(data.item)}`;
    case "response.output_item.done":
      return `done ${at} ${describeItem(data.item)}`;
    case "response.content_part.added":
      return `part added ${at}`;
    case "response.content_part.done":
      return `part done ${at} ${quote(data.part.text)}`;
    case "response.output_text.delta":
      return `text ${at} ${quote(data.delta)}`;
    case "response.output_text.done":
      return `text done ${at} ${quote(data.text)}`;
    case "response.function_call_arguments.delta":
      return `arguments ${at} ${data.delta}`;
    case "response.function_call_arguments.done":
      return `arguments done ${at} ${data.arguments}`;
    case "response.custom_tool_call_input.delta":
      return `input ${at} ${quote(data.delta)}`;
    case "response.custom_tool_call_input.done":
      return `input done ${at} ${quote(data.input)}`;
    case "response.reasoning_summary_part.added":
      return `summary added ${at}`;
    case "response.reasoning_summary_part.done":
      return `summary done ${at} ${quote(data.part.text)}`;
    case "response.reasoning_summary_text.delta":
      return `summary ${at} ${quote(data.delta)}`;
    case "response.reasoning_summary_text.done":
      return `summary text done ${at} ${quote(data.text)}`;
    default:
      return String(data.type);
  }
}

export const responsesTranscript = (text: string): string[] => parseResponsesSse(text).map(describeResponsesEvent);

/** Problems with a stream's bookkeeping: sequence numbers 0, 1, 2, … and one item id per output_index. */
export function streamProblems(text: string): string[] {
  const problems: string[] = [];
  const ids = new Map<number, string>();
  parseResponsesSse(text).forEach(({ data }, position) => {
    if (data.sequence_number !== position) problems.push(`event ${position} (${data.type}) has sequence_number ${data.sequence_number}`);
    if (data.type === "response.output_item.added") ids.set(data.output_index, data.item.id);
    const id = data.item_id ?? data.item?.id;
    if (typeof data.output_index === "number" && id !== ids.get(data.output_index)) {
      problems.push(`event ${position} (${data.type}) names item ${id} at output_index ${data.output_index}`);
    }
  });
  return problems;
}

/** Hub parts → Responses SSE text, flushed. */
export function encodeParts(parts: HubStreamPart[], context = encodeContext()): string {
  const encoder = createResponsesStreamEncoder(context);
  return parts.map((part) => encoder.push(part)).join("") + encoder.flush();
}

/**
 * A Chat Completions upstream answer for a Responses client: upstream bytes (chopped into `pieceSize` pieces,
 * which may cut a UTF-8 character) → SSE events → chunk JSON → hub parts → Responses SSE text.
 */
export function translateChatToResponses(body: string, pieceSize: number, context = encodeContext()): string {
  const parser = createSseParser();
  const decoder = createChatStreamDecoder();
  const encoder = createResponsesStreamEncoder(context);
  let out = "";
  let finished = false;
  const onEvents = (events: SseEvent[]) => {
    for (const event of events) {
      if (finished || event.data === "[DONE]") {
        finished = true;
        return;
      }
      for (const part of decoder.push(JSON.parse(event.data))) out += encoder.push(part);
    }
  };
  for (const piece of split(new TextEncoder().encode(body), pieceSize)) onEvents(parser.push(piece));
  onEvents(parser.flush());
  for (const part of decoder.flush()) out += encoder.push(part);
  return out + encoder.flush();
}
