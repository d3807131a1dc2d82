import { createSseParser, type SseEvent } from "../../src/core/sse-parser.ts";
import type { EncodeContext, StreamDecoder, StreamEncoder } from "../../src/protocols/dialect.ts";
import { split } from "./helpers.ts";

/** A fixed context, so encoded ids and timestamps are stable. */
export function encodeContext(overrides: Partial<EncodeContext> = {}): EncodeContext {
  return {
    requestedModel: "gpt-4.1",
    requestId: "req-1",
    estimatedInputTokens: 0,
    request: {},
    startedAt: 1767225600000,
    now: () => 1767225600000,
    ...overrides,
  };
}

/** Anthropic payloads → the SSE body Copilot's /v1/messages sends (event lines, then its trailing `[DONE]`). */
export function messagesSseBody(events: readonly { type: string }[]): string {
  return `${events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join("")}data: [DONE]\n\n`;
}

/**
 * The pipeline in miniature, for any pair: upstream bytes (chopped into `pieceSize` pieces) → SSE events → JSON
 * payloads → a wire's decoder → hub parts → a client's encoder → the client's stream text.
 */
export function pipeStream(body: string, decoder: StreamDecoder, encoder: StreamEncoder, pieceSize = Number.POSITIVE_INFINITY): string {
  const parser = createSseParser();
  const bytes = new TextEncoder().encode(body);
  let out = "";
  let finished = false;
  const onEvents = (events: SseEvent[]) => {
    for (const event of events) {
      if (finished) return;
      if (event.data === "[DONE]") {
        finished = true;
        return;
      }
      for (const part of decoder.push(JSON.parse(event.data))) out += encoder.push(part);
    }
  };
  for (const piece of split(bytes, Number.isFinite(pieceSize) ? pieceSize : bytes.length)) onEvents(parser.push(piece));
  onEvents(parser.flush());
  for (const part of decoder.flush()) out += encoder.push(part);
  return out + encoder.flush();
}

/** A Chat Completions SSE text → its `data:` payloads, parsed (`[DONE]` kept as the string). */
export function parseChatSse(text: string): any[] {
  const parser = createSseParser();
  const events = [...parser.push(new TextEncoder().encode(text)), ...parser.flush()];
  return events.map((event) => (event.data === "[DONE]" ? "[DONE]" : JSON.parse(event.data)));
}

/** The deltas of Chat chunks folded into one message, the way a Chat client assembles a stream. */
export function assembleChatStream(chunks: readonly any[]) {
  let content = "";
  let reasoningText = "";
  let reasoningOpaque = "";
  let finishReason: string | null = null;
  let usage: unknown;
  const toolCalls: { id: string; name: string; arguments: string }[] = [];
  for (const chunk of chunks) {
    if (chunk === "[DONE]") continue;
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      const delta = choice.delta ?? {};
      content += delta.content ?? "";
      reasoningText += delta.reasoning_text ?? "";
      reasoningOpaque += delta.reasoning_opaque ?? "";
      for (const call of delta.tool_calls ?? []) {
        const entry = (toolCalls[call.index] ??= { id: "", name: "", arguments: "" });
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name = call.function.name;
        entry.arguments += call.function?.arguments ?? "";
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  return { content, reasoningText, reasoningOpaque, toolCalls, finishReason, usage };
}
