import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createSseParser } from "../../src/core/sse-parser.ts";
import { createMessagesStreamEncoder } from "../../src/protocols/anthropic-messages/index.ts";
import { createChatStreamDecoder } from "../../src/protocols/openai-chat/index.ts";
import { pipeStream } from "./hub-helpers.ts";

const fixtures = join(import.meta.dir, "fixtures");

export function loadFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(fixtures, name), "utf8")) as T;
}

/** A recorded-style chunk list → the upstream's SSE body, ending with `[DONE]` as Copilot's does. */
export function chatSseBody(chunks: readonly unknown[]): string {
  return `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join("")}data: [DONE]\n\n`;
}

/** Splits bytes into pieces of `size` (the last may be shorter), the way a network hands them over. */
export function split(bytes: Uint8Array, size: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return pieces;
}

/**
 * The whole translation path of a streamed Chat Completions answer for an Anthropic client: upstream bytes →
 * SSE events → chunk JSON → hub parts → Anthropic SSE text. `pieceSize` chops the upstream bytes.
 */
export function translateChatStream(body: string, pieceSize = Number.POSITIVE_INFINITY, estimatedInputTokens?: number): string {
  const encoder = createMessagesStreamEncoder({ model: "claude-sonnet-4-5", ...(estimatedInputTokens !== undefined ? { estimatedInputTokens } : {}) });
  return pipeStream(body, createChatStreamDecoder(), encoder, pieceSize);
}

export interface AnthropicEvent {
  event: string | undefined;
  data: Record<string, any>;
}

export function parseAnthropicSse(text: string): AnthropicEvent[] {
  const parser = createSseParser();
  const events = [...parser.push(new TextEncoder().encode(text)), ...parser.flush()];
  return events.map((event) => ({ event: event.event, data: JSON.parse(event.data) }));
}

/** One readable line per Anthropic event, so expected sequences read like a transcript. */
export function describeEvent({ event, data }: AnthropicEvent): string {
  if (event !== data.type) return `MISMATCH event:${event} type:${data.type}`;
  switch (data.type) {
    case "message_start":
      return `message_start input_tokens=${data.message.usage.input_tokens}`;
    case "content_block_start": {
      const block = data.content_block;
      if (block.type === "tool_use") return `start ${data.index} tool_use ${block.id} ${block.name}`;
      if (block.type === "redacted_thinking") return `start ${data.index} redacted_thinking ${block.data}`;
      return `start ${data.index} ${block.type}`;
    }
    case "content_block_delta": {
      const delta = data.delta;
      if (delta.type === "text_delta") return `delta ${data.index} text ${JSON.stringify(delta.text)}`;
      if (delta.type === "thinking_delta") return `delta ${data.index} thinking ${JSON.stringify(delta.thinking)}`;
      if (delta.type === "signature_delta") return `delta ${data.index} signature ${delta.signature}`;
      return `delta ${data.index} json ${delta.partial_json}`;
    }
    case "content_block_stop":
      return `stop ${data.index}`;
    case "message_delta":
      return `message_delta ${data.delta.stop_reason} ${JSON.stringify(data.usage)}`;
    case "error":
      return `error ${data.error.type}: ${data.error.message}`;
    default:
      return data.type;
  }
}

export const transcript = (text: string): string[] => parseAnthropicSse(text).map(describeEvent);
