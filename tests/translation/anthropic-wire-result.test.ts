import { describe, expect, test } from "bun:test";
import { decodeMessagesResult } from "../../src/protocols/anthropic-messages/index.ts";

describe("Anthropic message → hub result", () => {
  test("translates thinking, redacted thinking, text and tool_use blocks, with hub usage", () => {
    const result = decodeMessagesResult({
      id: "msg_01",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4.5",
      content: [
        { type: "thinking", thinking: "Look first.", signature: "sig-1" },
        { type: "redacted_thinking", data: "blob" },
        { type: "text", text: "Reading it." },
        { type: "server_tool_use", id: "srv", name: "web_search", input: {} },
        { type: "tool_use", id: "toolu_1", name: "Read", input: { path: "a.ts" } },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 50, output_tokens: 20, cache_read_input_tokens: 900, cache_creation_input_tokens: 50 },
    });
    expect(result).toEqual({
      id: "msg_01",
      model: "claude-sonnet-4.5",
      content: [
        { type: "reasoning", text: "Look first.", signature: "sig-1" },
        { type: "reasoning", text: "", signature: "blob", redacted: true },
        { type: "text", text: "Reading it." },
        { type: "tool-call", toolCallId: "toolu_1", toolName: "Read", input: { path: "a.ts" } },
      ],
      finishReason: "tool-calls",
      usage: { inputTokens: 1000, outputTokens: 20, cacheReadTokens: 900, cacheWriteTokens: 50 },
    });
  });

  test("keeps the stop sequence that ended generation", () => {
    const result = decodeMessagesResult({ content: [{ type: "text", text: "a" }], stop_reason: "stop_sequence", stop_sequence: "END", usage: { input_tokens: 3, output_tokens: 1 } });
    expect(result.finishReason).toBe("stop-sequence");
    expect(result.stopSequence).toBe("END");
    expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 1 });
  });

  test("maps max_tokens to length and refusal to content-filter", () => {
    expect(decodeMessagesResult({ stop_reason: "max_tokens" }).finishReason).toBe("length");
    expect(decodeMessagesResult({ stop_reason: "refusal" }).finishReason).toBe("content-filter");
  });

  test("never throws on a body that is not a message", () => {
    for (const body of [null, "text", 42, [], { content: "x", usage: "none" }, { content: [null, { type: "tool_use", input: "raw" }] }]) {
      const result = decodeMessagesResult(body);
      expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    }
    expect(decodeMessagesResult({ content: [{ type: "tool_use", input: "raw" }] }).content).toEqual([
      { type: "tool-call", toolCallId: "", toolName: "", input: {} },
    ]);
  });
});
