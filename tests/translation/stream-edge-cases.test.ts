import { describe, expect, test } from "bun:test";
import type { HubStreamPart } from "../../src/core/hub/index.ts";
import { createMessagesStreamEncoder } from "../../src/protocols/anthropic-messages/index.ts";
import { createChatStreamDecoder } from "../../src/protocols/openai-chat/index.ts";
import { transcript } from "./helpers.ts";

const encode = (parts: HubStreamPart[], options = { model: "m" }) => {
  const encoder = createMessagesStreamEncoder(options);
  return transcript(parts.map((part) => encoder.push(part)).join("") + encoder.flush());
};

describe("Anthropic stream encoder: hub streams that bend the rules still end well-formed", () => {
  test("flush with nothing pushed still produces a complete empty message", () => {
    expect(encode([])).toEqual(["message_start input_tokens=0", 'message_delta end_turn {"output_tokens":0}', "message_stop"]);
  });

  test("an error before any content is a lone error event, and nothing follows it", () => {
    const encoder = createMessagesStreamEncoder({ model: "m" });
    const error = encoder.push({ type: "error", error: { status: 429, type: "rate_limit_error", message: "slow down" } });
    expect(transcript(error)).toEqual(["error rate_limit_error: slow down"]);
    expect(encoder.push({ type: "text-delta", id: "x", delta: "late" })).toBe("");
    expect(encoder.flush()).toBe("");
    expect(encoder.ping()).toBe("");
  });

  test("an error mid-stream flushes queued blocks first, so no delta is lost", () => {
    expect(
      encode([
        { type: "tool-call-start", id: "a", toolCallId: "A", toolName: "One" },
        { type: "tool-call-start", id: "b", toolCallId: "B", toolName: "Two" },
        { type: "tool-call-delta", id: "b", inputDelta: "{}" },
        { type: "error", error: { status: 400, type: "invalid_request_error", message: "prompt token count of 5000 exceeds the limit of 4000" } },
      ]),
    ).toEqual([
      "message_start input_tokens=0",
      "start 0 tool_use A One",
      "stop 0",
      "start 1 tool_use B Two",
      "delta 1 json {}",
      "stop 1",
      "error invalid_request_error: prompt is too long: 5000 tokens > 4000 maximum",
    ]);
  });

  test("a delta without its start opens a block; parts after message-end are ignored", () => {
    expect(
      encode([
        { type: "text-delta", id: "t", delta: "orphan" },
        { type: "message-end", finishReason: "stop", usage: { outputTokens: 1 } },
        { type: "text-delta", id: "t", delta: "too late" },
      ]),
    ).toEqual(["message_start input_tokens=0", "start 0 text", 'delta 0 text "orphan"', "stop 0", 'message_delta end_turn {"output_tokens":1}', "message_stop"]);
  });

  test("a signature for a thinking block already stopped becomes a redacted_thinking block", () => {
    expect(
      encode([
        { type: "reasoning-start", id: "r" },
        { type: "reasoning-delta", id: "r", delta: "hm" },
        { type: "reasoning-end", id: "r" },
        { type: "reasoning-signature", id: "r", signature: "late-sig" },
      ]),
    ).toEqual([
      "message_start input_tokens=0",
      "start 0 thinking",
      'delta 0 thinking "hm"',
      "stop 0",
      "start 1 redacted_thinking late-sig",
      "stop 1",
      'message_delta end_turn {"output_tokens":0}',
      "message_stop",
    ]);
  });

  test("message_start carries the upstream's input usage when it has one, else the estimate; ping is a ping", () => {
    const encoder = createMessagesStreamEncoder({ model: "m", estimatedInputTokens: 77 });
    expect(transcript(encoder.ping())).toEqual(["ping"]);
    expect(transcript(encoder.push({ type: "message-start", id: "x", model: "u", usage: { inputTokens: 90, cacheReadTokens: 60 } }))).toEqual([
      "message_start input_tokens=30",
    ]);
    expect(transcript(createMessagesStreamEncoder({ model: "m", estimatedInputTokens: 77 }).push({ type: "message-start", id: "x", model: "u" }))).toEqual([
      "message_start input_tokens=77",
    ]);
  });

  test("a stop finish with tool_use blocks is reported as tool_use", () => {
    expect(
      encode([
        { type: "tool-call-start", id: "a", toolCallId: "A", toolName: "One" },
        { type: "tool-call-end", id: "a" },
        { type: "message-end", finishReason: "stop", usage: {} },
      ]).at(-2),
    ).toBe('message_delta tool_use {"output_tokens":0}');
  });

  test("never throws on garbage parts", () => {
    const junk = [null, 7, {}, { type: "nope" }, { type: "text-delta" }, { type: "tool-call-delta", id: "zz" }, { type: "error", error: {} }];
    for (const part of junk) {
      const encoder = createMessagesStreamEncoder({ model: "m" });
      expect(() => encoder.push(part as never)).not.toThrow();
      expect(() => encoder.flush()).not.toThrow();
    }
  });
});

describe("Chat stream decoder: upstream quirks", () => {
  const chunk = (delta: Record<string, unknown>, finish_reason: string | null = null) => ({ id: "c", model: "m", choices: [{ index: 0, delta, finish_reason }] });

  test("a new tool call id at an index already in use starts a new call (Copilot reuses index 0)", () => {
    const decoder = createChatStreamDecoder();
    const parts = [
      chunk({ tool_calls: [{ index: 0, id: "A", function: { name: "One", arguments: "{}" } }] }),
      chunk({ tool_calls: [{ index: 0, id: "B", function: { name: "Two", arguments: "{}" } }] }),
      chunk({}, "tool_calls"),
    ].flatMap((value) => decoder.push(value));
    const all = [...parts, ...decoder.flush()];
    expect(all.filter((part) => part.type === "tool-call-start")).toEqual([
      { type: "tool-call-start", id: "tool-0", toolCallId: "A", toolName: "One" },
      { type: "tool-call-start", id: "tool-1", toolCallId: "B", toolName: "Two" },
    ]);
    expect(all.at(-1)).toEqual({ type: "message-end", finishReason: "tool-calls", usage: {} });
  });

  test("reasoning_opaque in the same chunk as the first text still signs the reasoning before the text starts", () => {
    const decoder = createChatStreamDecoder();
    const parts = [chunk({ reasoning_text: "think" }), chunk({ reasoning_opaque: "sig", content: "Hi" }), chunk({}, "stop")].flatMap((value) =>
      decoder.push(value),
    );
    expect([...parts, ...decoder.flush()].map((part) => part.type)).toEqual([
      "message-start",
      "reasoning-start",
      "reasoning-delta",
      "reasoning-signature",
      "reasoning-end",
      "text-start",
      "text-delta",
      "text-end",
      "message-end",
    ]);
  });

  test("an error chunk becomes an error part with a status, and ends decoding", () => {
    const decoder = createChatStreamDecoder();
    decoder.push(chunk({ content: "a" }));
    expect(decoder.push({ error: { message: "Too many requests", type: "rate_limit_error" } })).toEqual([
      { type: "text-end", id: "text-0" },
      { type: "error", error: { status: 429, type: "rate_limit_error", message: "Too many requests" } },
    ]);
    expect(decoder.push(chunk({ content: "b" }))).toEqual([]);
    expect(decoder.flush()).toEqual([]);
  });

  test("never throws on garbage chunks", () => {
    const decoder = createChatStreamDecoder();
    for (const value of [null, "x", 3, [], { choices: [null, 4, { delta: "s" }] }, { choices: [{ delta: { tool_calls: [null, { index: "x" }] } }] }]) {
      expect(() => decoder.push(value)).not.toThrow();
    }
    expect(() => decoder.flush()).not.toThrow();
  });
});
