import { describe, expect, test } from "bun:test";
import { numberField, usageFields } from "../src/core/number-field.ts";
import { anthropicUsageFromText } from "../src/protocols/anthropic-messages/index.ts";
import { usageFromTail } from "../src/protocols/openai-chat/index.ts";

describe("reading usage counters without a JSON parse", () => {
  test("a field's number, with JSON whitespace; longer keys that end the same do not match", () => {
    expect(numberField('{"cache_read_input_tokens":9, "input_tokens" : 12}', "input_tokens")).toBe(12);
    expect(numberField('{"input_tokens":null}', "input_tokens")).toBeUndefined();
    expect(numberField('{"input_tokens":"7"}', "input_tokens")).toBeUndefined();
  });

  test("the last usage object wins; a field outside it is not read", () => {
    const text = `{"usage":{"prompt_tokens":1}}\n${"x".repeat(2000)}\n{"usage":{"prompt_tokens":5,"completion_tokens":6}}`;
    expect(usageFields(text, ["prompt_tokens", "completion_tokens"])).toEqual({ prompt_tokens: 5, completion_tokens: 6 });
    expect(usageFields(`{"usage":{}}${" ".repeat(1000)}"prompt_tokens":3`, ["prompt_tokens"])).toEqual({});
    expect(usageFromTail('data: {"usage":null}\n\ndata: [DONE]\n\n')).toBeUndefined();
  });

  test("Anthropic streams: output tokens from the last message_delta, input tokens from message_start in the head", () => {
    const head = 'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":40,"cache_read_input_tokens":30,"output_tokens":1}}}\n\n';
    const tail = 'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":17}}\n\n';
    expect(anthropicUsageFromText(tail, head)).toEqual({ inputTokens: 40, outputTokens: 17, cachedTokens: 30 });
  });
});

describe("usage read from raw bytes, as the relay does", () => {
  test("bytes and text give the same counters; a window cut inside a character still reads", () => {
    const text = `data: {"choices":[{"delta":{"content":"héllo 👋"}}]}\n\ndata: {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":34,"prompt_tokens_details":{"cached_tokens":5}}}\n\ndata: [DONE]\n\n`;
    const bytes = new TextEncoder().encode(text);
    expect(usageFromTail(bytes)).toEqual(usageFromTail(text));
    expect(usageFromTail(bytes)).toEqual({ inputTokens: 12, outputTokens: 34, cachedTokens: 5 });
    expect(usageFromTail(bytes.subarray(text.indexOf("👋") + 1))).toEqual({ inputTokens: 12, outputTokens: 34, cachedTokens: 5 });
  });
});
