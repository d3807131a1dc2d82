import { describe, expect, test } from "bun:test";
import { createChatStreamDecoder } from "../../src/protocols/openai-chat/index.ts";
import { chatSseBody, loadFixture, parseAnthropicSse, transcript, translateChatStream } from "./helpers.ts";

const stream = (name: string): string => chatSseBody(loadFixture<unknown[]>(`streams/${name}.json`));
const translate = (name: string, estimate?: number): string[] => transcript(translateChatStream(stream(name), Number.POSITIVE_INFINITY, estimate));

describe("Chat Completions stream → Anthropic Messages stream", () => {
  test("translates a text answer into one text block, with usage from the trailing usage chunk", () => {
    expect(translate("text", 118)).toEqual([
      "message_start input_tokens=118",
      "start 0 text",
      'delta 0 text "Hel"',
      'delta 0 text "lo, "',
      'delta 0 text "world!"',
      "stop 0",
      'message_delta end_turn {"output_tokens":4,"input_tokens":120}',
      "message_stop",
    ]);
  });

  test("translates Copilot reasoning_text / reasoning_opaque into a signed thinking block before the text", () => {
    expect(translate("thinking-then-text")).toEqual([
      "message_start input_tokens=0",
      "start 0 thinking",
      'delta 0 thinking "The user greets me. "',
      'delta 0 thinking "I should greet back."',
      "delta 0 signature sig-EqQBCkYIBRgCKkB",
      "stop 0",
      "start 1 text",
      'delta 1 text "Hi there!"',
      "stop 1",
      // Anthropic's input_tokens leaves out the 200 cached tokens of the 300 prompt tokens.
      'message_delta end_turn {"output_tokens":25,"input_tokens":100,"cache_read_input_tokens":200}',
      "message_stop",
    ]);
  });

  test("translates a tool call whose arguments arrive in pieces into a tool_use block", () => {
    expect(translate("single-tool-call")).toEqual([
      "message_start input_tokens=0",
      "start 0 text",
      'delta 0 text "Let me look."',
      "stop 0",
      "start 1 tool_use toolu_01 Read",
      'delta 1 json {"file_',
      'delta 1 json path": "/tmp/',
      'delta 1 json a.txt"}',
      "stop 1",
      'message_delta tool_use {"output_tokens":40,"input_tokens":500}',
      "message_stop",
    ]);
  });

  test("serializes interleaved parallel tool calls into contiguous blocks without losing a delta", () => {
    expect(translate("parallel-tool-calls-interleaved")).toEqual([
      "message_start input_tokens=0",
      "start 0 tool_use call_A Glob",
      'delta 0 json {"pat',
      'delta 0 json tern": "*.ts"}',
      "stop 0",
      "start 1 tool_use call_B Grep",
      'delta 1 json {"que',
      'delta 1 json ry": "TODO"}',
      "stop 1",
      'message_delta tool_use {"output_tokens":60,"input_tokens":800}',
      "message_stop",
    ]);
  });

  test("waits for usage that arrives after finish_reason and reports it in message_delta", () => {
    const chunks = loadFixture<unknown[]>("streams/usage-after-finish.json");
    const decoder = createChatStreamDecoder();
    expect(decoder.push(chunks[0]).map((part) => part.type)).toEqual(["message-start", "text-start", "text-delta"]);
    expect(decoder.push(chunks[1])).toEqual([]); // finish_reason alone: usage may still come
    expect(decoder.push(chunks[2])).toEqual([
      { type: "text-end", id: "text-0" },
      { type: "message-end", finishReason: "length", usage: { inputTokens: 1000, outputTokens: 32000, cacheReadTokens: 900 } },
    ]);
    expect(decoder.flush()).toEqual([]);
    expect(translate("usage-after-finish").slice(-2)).toEqual([
      'message_delta max_tokens {"output_tokens":32000,"input_tokens":100,"cache_read_input_tokens":900}',
      "message_stop",
    ]);
  });

  test("ends with an error event after an upstream error chunk, closing the open block and sending nothing more", () => {
    expect(translate("error-mid-stream")).toEqual([
      "message_start input_tokens=0",
      "start 0 text",
      'delta 0 text "Partial ans"',
      "stop 0",
      "error api_error: upstream connection reset",
    ]);
  });

  test("closes open blocks and still ends the message when the upstream stops without finish_reason", () => {
    expect(translate("no-finish")).toEqual([
      "message_start input_tokens=0",
      "start 0 thinking",
      'delta 0 thinking "Hmm"',
      "stop 0",
      "start 1 text",
      'delta 1 text "Cut off mid-sen"',
      "stop 1",
      'message_delta end_turn {"output_tokens":0}',
      "message_stop",
    ]);
  });

  test.each(["text", "thinking-then-text", "single-tool-call", "parallel-tool-calls-interleaved", "usage-after-finish", "error-mid-stream", "no-finish"])(
    "gives the same output for %s however the upstream bytes are split",
    (name) => {
      const whole = translateChatStream(stream(name));
      for (const size of [1, 3, 17, 64]) expect(translateChatStream(stream(name), size)).toBe(whole);
    },
  );

  test("writes exact Anthropic SSE framing: event line, data line, blank line", () => {
    const text = translateChatStream(stream("text"));
    expect(text.startsWith('event: message_start\ndata: {"type":"message_start","message":{"id":"msg_chatcmpl-abc123"')).toBe(true);
    expect(text.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n')).toBe(true);
    const start = parseAnthropicSse(text)[0]?.data;
    expect(start?.message).toMatchObject({ type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [], stop_reason: null });
  });
});
