import { describe, expect, test } from "bun:test";
import type { HubStreamPart } from "../../src/core/hub/index.ts";
import { createMessagesStreamDecoder } from "../../src/protocols/anthropic-messages/index.ts";
import { loadFixture } from "./helpers.ts";

const decodeAll = (events: readonly unknown[], flush = true): HubStreamPart[] => {
  const decoder = createMessagesStreamDecoder();
  const parts = events.flatMap((event) => decoder.push(event));
  return flush ? [...parts, ...decoder.flush()] : parts;
};
const fixture = () => loadFixture<unknown[]>("messages-streams/thinking-text-tools.json");
const start = { type: "message_start", message: { id: "msg_1", model: "claude-sonnet-4.5", usage: { input_tokens: 10, output_tokens: 1 } } };

describe("Anthropic Messages stream → hub parts", () => {
  test("translates thinking, text and two tool calls into hub blocks keyed by the block index", () => {
    expect(decodeAll(fixture())).toEqual([
      { type: "message-start", id: "msg_01ThinkTextTools", model: "claude-sonnet-4.5", usage: { inputTokens: 2420, cacheReadTokens: 2000, cacheWriteTokens: 300 } },
      { type: "reasoning-start", id: "reasoning-0" },
      { type: "reasoning-delta", id: "reasoning-0", delta: "The user wrote héllo 👋; " },
      { type: "reasoning-delta", id: "reasoning-0", delta: "list the files." },
      { type: "reasoning-signature", id: "reasoning-0", signature: "EqQBCkYIBRgCKkB-sig" },
      { type: "reasoning-end", id: "reasoning-0" },
      { type: "text-start", id: "text-1" },
      { type: "text-delta", id: "text-1", delta: "Héllo 👋 — " },
      { type: "text-delta", id: "text-1", delta: "你好! Let me look." },
      { type: "text-end", id: "text-1" },
      { type: "tool-call-start", id: "tool-2", toolCallId: "toolu_01Glob", toolName: "Glob" },
      { type: "tool-call-delta", id: "tool-2", inputDelta: '{"pattern": ' },
      { type: "tool-call-delta", id: "tool-2", inputDelta: '"*.ts"}' },
      { type: "tool-call-end", id: "tool-2" },
      { type: "tool-call-start", id: "tool-3", toolCallId: "toolu_02Grep", toolName: "Grep" },
      { type: "tool-call-delta", id: "tool-3", inputDelta: '{"query": "TODO ✓"}' },
      { type: "tool-call-end", id: "tool-3" },
      {
        type: "message-end",
        finishReason: "tool-calls",
        // The hub counts every prompt token: 120 uncached + 2000 read from the cache + 300 written to it.
        usage: { inputTokens: 2420, outputTokens: 87, cacheReadTokens: 2000, cacheWriteTokens: 300 },
      },
    ]);
  });

  test("translates redacted thinking into a redacted reasoning block carrying its data as the signature", () => {
    const parts = decodeAll([
      start,
      { type: "content_block_start", index: 0, content_block: { type: "redacted_thinking", data: "opaque-data" } },
      { type: "content_block_stop", index: 0 },
      { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 5 } },
      { type: "message_stop" },
    ]);
    expect(parts.slice(1, 4)).toEqual([
      { type: "reasoning-start", id: "reasoning-0", redacted: true },
      { type: "reasoning-signature", id: "reasoning-0", signature: "opaque-data" },
      { type: "reasoning-end", id: "reasoning-0" },
    ]);
    expect(parts.at(-1)).toEqual({ type: "message-end", finishReason: "stop", usage: { inputTokens: 10, outputTokens: 5 } });
  });

  test("turns a tool_use that arrives with its input up front into one argument delta", () => {
    const parts = decodeAll([start, { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "t", name: "Read", input: { path: "a.ts" } } }]);
    expect(parts.slice(1, 3)).toEqual([
      { type: "tool-call-start", id: "tool-0", toolCallId: "t", toolName: "Read" },
      { type: "tool-call-delta", id: "tool-0", inputDelta: '{"path":"a.ts"}' },
    ]);
  });

  test("keeps the stop sequence and the input counters a message_delta reports", () => {
    const parts = decodeAll([
      start,
      { type: "message_delta", delta: { stop_reason: "stop_sequence", stop_sequence: "\n\nHuman:" }, usage: { output_tokens: 3, input_tokens: 12, cache_read_input_tokens: 4 } },
      { type: "message_stop" },
    ]);
    expect(parts.at(-1)).toEqual({
      type: "message-end",
      finishReason: "stop-sequence",
      stopSequence: "\n\nHuman:",
      usage: { inputTokens: 16, outputTokens: 3, cacheReadTokens: 4 },
    });
  });

  test("maps an error event to an error part with the status of its type, closing the open block, and stops", () => {
    const decoder = createMessagesStreamDecoder();
    const parts = [
      start,
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hel" } },
      { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "lo" } },
    ].flatMap((event) => decoder.push(event));
    expect(parts.slice(-2)).toEqual([
      { type: "text-end", id: "text-0" },
      { type: "error", error: { status: 529, type: "overloaded_error", message: "Overloaded" } },
    ]);
    expect(decoder.flush()).toEqual([]);
    const status = (type: string) => (createMessagesStreamDecoder().push({ type: "error", error: { type, message: "m" } })[0] as any).error.status;
    expect(["rate_limit_error", "invalid_request_error", "authentication_error", "permission_error", "not_found_error", "api_error", "odd"].map(status)).toEqual([
      429, 400, 401, 403, 404, 500, 500,
    ]);
  });

  test("flush closes what a cut-off stream left open and ends the message", () => {
    const parts = decodeAll([
      start,
      { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "hmm" } },
    ]);
    expect(parts.slice(-2)).toEqual([
      { type: "reasoning-end", id: "reasoning-0" },
      { type: "message-end", finishReason: "other", usage: { inputTokens: 10, outputTokens: 1 } },
    ]);
    expect(createMessagesStreamDecoder().flush()).toEqual([]);
  });

  test("ignores pings, server-tool blocks with their deltas, and payloads that are not events, without throwing", () => {
    const parts = decodeAll([
      start,
      { type: "ping" },
      { type: "content_block_start", index: 0, content_block: { type: "server_tool_use", id: "s", name: "web_search", input: {} } },
      { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: '{"q":1}' } },
      { type: "content_block_stop", index: 0 },
      null,
      "[DONE]",
      { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "late" } },
      { type: "content_block_delta", index: 1, delta: null },
      { type: "message_stop" },
    ]);
    expect(parts.map((part) => part.type)).toEqual(["message-start", "text-start", "text-delta", "text-end", "message-end"]);
  });
});
