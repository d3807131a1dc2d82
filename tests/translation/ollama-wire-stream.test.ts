import { describe, expect, test } from "bun:test";
import type { HubStreamPart, HubUsage } from "../../src/core/hub/index.ts";
import { createMessagesStreamEncoder } from "../../src/protocols/anthropic-messages/index.ts";
import { createOllamaChatStreamDecoder, ollamaChatDialect } from "../../src/protocols/ollama/index.ts";
import { translateStream } from "../../src/relay/translate-stream.ts";
import { split, transcript } from "./helpers.ts";
import { decodeOllamaStream, ndjsonBody, ollamaStreamFixture } from "./ollama-wire-helpers.ts";

const fixture = () => ollamaStreamFixture("thinking-text-tool.ndjson");
const line = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  model: "llama3.2",
  created_at: "2026-01-01T00:00:00Z",
  message: { role: "assistant", content: "", ...message },
  done: false,
  ...extra,
});
const doneLine = (extra: Record<string, unknown> = {}) => line({}, { done: true, done_reason: "stop", prompt_eval_count: 10, eval_count: 3, ...extra });

const expectedFixtureParts: HubStreamPart[] = [
  { type: "message-start", id: "", model: "qwen3:8b" },
  { type: "reasoning-start", id: "reasoning-0" },
  { type: "reasoning-delta", id: "reasoning-0", delta: "The user greets me " },
  { type: "reasoning-delta", id: "reasoning-0", delta: "in Japanese (日本語)." },
  { type: "reasoning-end", id: "reasoning-0" },
  { type: "text-start", id: "text-1" },
  { type: "text-delta", id: "text-1", delta: "日本" },
  { type: "text-delta", id: "text-1", delta: "語 👋" },
  { type: "text-end", id: "text-1" },
  { type: "tool-call-start", id: "tool-2", toolCallId: "call_0_t", toolName: "get_weather" },
  { type: "tool-call-delta", id: "tool-2", inputDelta: '{"city":"東京"}' },
  { type: "tool-call-end", id: "tool-2" },
  // Ollama says "stop" after tool calls; clients run tools on the tool-call reason.
  { type: "message-end", finishReason: "tool-calls", usage: { inputTokens: 26, outputTokens: 42 } },
];

describe("Ollama /api/chat NDJSON stream → hub parts", () => {
  test("translates thinking, text, a whole tool call and the done line with its counters", () => {
    expect(decodeOllamaStream(fixture())).toEqual(expectedFixtureParts);
  });

  test("gives the same parts however the bytes are split, inside multi-byte characters too", () => {
    const bytes = new TextEncoder().encode(fixture()).length;
    for (const size of [1, 2, 3, 5, 7, 13, 64, bytes]) expect(decodeOllamaStream(fixture(), size)).toEqual(expectedFixtureParts);
  });

  test("keeps the ids newer Ollama versions give tool calls, and numbers the calls of one answer", () => {
    const parts = decodeOllamaStream(
      ndjsonBody([
        line({ tool_calls: [{ id: "call_abc", function: { index: 0, name: "a", arguments: {} } }, { function: { index: 1, name: "b", arguments: { x: 1 } } }] }),
        line({ tool_calls: [{ function: { name: "c", arguments: { y: [1, 2] } } }] }),
        doneLine(),
      ]),
    );
    expect(parts.filter((part) => part.type.startsWith("tool-call"))).toEqual([
      { type: "tool-call-start", id: "tool-0", toolCallId: "call_abc", toolName: "a" },
      { type: "tool-call-end", id: "tool-0" },
      { type: "tool-call-start", id: "tool-1", toolCallId: "call_1_t", toolName: "b" },
      { type: "tool-call-delta", id: "tool-1", inputDelta: '{"x":1}' },
      { type: "tool-call-end", id: "tool-1" },
      { type: "tool-call-start", id: "tool-2", toolCallId: "call_2_t", toolName: "c" },
      { type: "tool-call-delta", id: "tool-2", inputDelta: '{"y":[1,2]}' },
      { type: "tool-call-end", id: "tool-2" },
    ]);
  });

  test("reads content the done line still carries, and a length end", () => {
    const parts = decodeOllamaStream(ndjsonBody([line({ content: "Hel" }), doneLine({ message: { role: "assistant", content: "lo" }, done_reason: "length" })]));
    expect(parts).toEqual([
      { type: "message-start", id: "", model: "llama3.2" },
      { type: "text-start", id: "text-0" },
      { type: "text-delta", id: "text-0", delta: "Hel" },
      { type: "text-delta", id: "text-0", delta: "lo" },
      { type: "text-end", id: "text-0" },
      { type: "message-end", finishReason: "length", usage: { inputTokens: 10, outputTokens: 3 } },
    ]);
  });

  test("an error line mid-stream closes the open block and becomes the hub's error part; nothing follows", () => {
    const decoder = createOllamaChatStreamDecoder("t");
    const parts = [
      ...decoder.push(line({ content: "Partial" })),
      ...decoder.push({ error: "an error was encountered while running the model: unexpected EOF" }),
      ...decoder.push(doneLine()),
      ...decoder.flush(),
    ];
    expect(parts).toEqual([
      { type: "message-start", id: "", model: "llama3.2" },
      { type: "text-start", id: "text-0" },
      { type: "text-delta", id: "text-0", delta: "Partial" },
      { type: "text-end", id: "text-0" },
      { type: "error", error: { status: 500, type: "api_error", message: "an error was encountered while running the model: unexpected EOF" } },
    ]);
    expect(createOllamaChatStreamDecoder().push({ error: "model requires more system memory", status: 503 })).toEqual([
      { type: "error", error: { status: 503, type: "api_error", message: "model requires more system memory" } },
    ]);
  });

  test("a stream cut before its done line still flushes to a well-formed end", () => {
    const text = decodeOllamaStream(ndjsonBody([line({ thinking: "Hmm" })]));
    expect(text.slice(-2)).toEqual([
      { type: "reasoning-end", id: "reasoning-0" },
      { type: "message-end", finishReason: "other", usage: {} },
    ]);
    const call = decodeOllamaStream(ndjsonBody([line({ tool_calls: [{ function: { name: "a", arguments: {} } }] })]));
    expect(call.at(-1)).toEqual({ type: "message-end", finishReason: "tool-calls", usage: {} });
    expect(decodeOllamaStream("")).toEqual([]);
  });

  test("ignores what is not an answer line and never throws", () => {
    const decoder = createOllamaChatStreamDecoder("t");
    expect([...decoder.push(null), ...decoder.push([1]), ...decoder.push("x")]).toEqual([]);
    expect(decoder.push({ message: { content: 5, thinking: null, tool_calls: "no" }, done: false })).toEqual([{ type: "message-start", id: "", model: "" }]);
    expect(decoder.push({ done: true, eval_count: "many" })).toEqual([{ type: "message-end", finishReason: "stop", usage: {} }]);
  });
});

describe("an Ollama upstream through the relay's stream translation", () => {
  test("translate-stream frames the upstream by the wire's declared NDJSON framing and reports its usage", async () => {
    const pieces = split(new TextEncoder().encode(fixture()), 5);
    const upstream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces) controller.enqueue(piece);
        controller.close();
      },
    });
    const wire = ollamaChatDialect.wire;
    if (!wire) throw new Error("the ollama-chat dialect has no wire");
    let ended: { outcome: string; usage: Partial<HubUsage> | undefined } | undefined;
    const translated = translateStream(upstream, {
      framing: wire.framing,
      decoder: wire.createStreamDecoder(),
      encoder: createMessagesStreamEncoder({ model: "claude-sonnet-4-5", estimatedInputTokens: 20 }),
      onEnd: (outcome, usage) => {
        ended = { outcome, usage };
      },
    });
    const events = transcript(await new Response(translated).text());
    expect(events[0]).toBe("message_start input_tokens=20");
    expect(events).toContain('delta 1 text "語 👋"');
    expect(events.find((event) => event.startsWith("start 2 tool_use"))).toMatch(/^start 2 tool_use call_0_[0-9a-f]{16} get_weather$/);
    expect(events.slice(-2)).toEqual(['message_delta tool_use {"output_tokens":42,"input_tokens":26}', "message_stop"]);
    expect(ended).toEqual({ outcome: "done", usage: { inputTokens: 26, outputTokens: 42 } });
  });
});
