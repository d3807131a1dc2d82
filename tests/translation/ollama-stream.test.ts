import { describe, expect, test } from "bun:test";
import type { HubStreamPart } from "../../src/core/hub/index.ts";
import { RelayError } from "../../src/core/relay-error.ts";
import { createSseParser, type SseEvent } from "../../src/core/sse-parser.ts";
import type { StreamEncoder } from "../../src/protocols/dialect.ts";
import {
  createOllamaChatStreamEncoder,
  createOllamaGenerateStreamEncoder,
  ollamaChatDialect,
  ollamaGenerateDialect,
  ollamaStreamErrorLine,
  ollamaUsageFromText,
} from "../../src/protocols/ollama/index.ts";
import { createChatStreamDecoder } from "../../src/protocols/openai-chat/index.ts";
import { chatSseBody, loadFixture, split } from "./helpers.ts";

/** A clock the test moves by hand: the request arrives at 10 s, each part is pushed at the time set before it. */
function manualClock() {
  let time = 10_000;
  return {
    context: { requestedModel: "gpt-4.1:latest", startedAt: 10_000, now: () => time },
    at: (milliseconds: number) => {
      time = milliseconds;
    },
  };
}

const iso = (milliseconds: number) => new Date(milliseconds).toISOString();
const lines = (text: string): Record<string, any>[] => text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line));

/** Pushes parts at the given times, then flushes; returns the parsed lines. */
function run(encoder: StreamEncoder, at: (time: number) => void, parts: [number, HubStreamPart][]): Record<string, any>[] {
  let out = "";
  for (const [time, part] of parts) {
    at(time);
    out += encoder.push(part);
  }
  return lines(out + encoder.flush());
}

describe("hub stream → Ollama /api/chat NDJSON", () => {
  test("writes a line per text delta and ends with counters measured from the relay's clock", () => {
    const { context, at } = manualClock();
    const output = run(createOllamaChatStreamEncoder(context), at, [
      [10_050, { type: "message-start", id: "m1", model: "gpt-4.1" }],
      [10_200, { type: "text-start", id: "t" }],
      [10_200, { type: "text-delta", id: "t", delta: "Hel" }],
      [10_300, { type: "text-delta", id: "t", delta: "lo" }],
      [10_300, { type: "text-end", id: "t" }],
      [10_700, { type: "message-end", finishReason: "stop", usage: { inputTokens: 26, outputTokens: 2 } }],
    ]);
    expect(output).toEqual([
      { model: "gpt-4.1:latest", created_at: iso(10_200), message: { role: "assistant", content: "Hel" }, done: false },
      { model: "gpt-4.1:latest", created_at: iso(10_300), message: { role: "assistant", content: "lo" }, done: false },
      {
        model: "gpt-4.1:latest",
        created_at: iso(10_700),
        message: { role: "assistant", content: "" },
        done_reason: "stop",
        // 700 ms in all: 200 ms to the first output is prompt evaluation, the remaining 500 ms generation.
        total_duration: 700_000_000,
        load_duration: 0,
        prompt_eval_count: 26,
        prompt_eval_duration: 200_000_000,
        eval_count: 2,
        eval_duration: 500_000_000,
        done: true,
      },
    ]);
  });

  test("sends thinking as message.thinking and a length finish as done_reason length", () => {
    const { context, at } = manualClock();
    const output = run(createOllamaChatStreamEncoder(context), at, [
      [10_100, { type: "reasoning-start", id: "r" }],
      [10_100, { type: "reasoning-delta", id: "r", delta: "Hmm." }],
      [10_100, { type: "reasoning-signature", id: "r", signature: "sig" }],
      [10_100, { type: "reasoning-end", id: "r" }],
      [10_200, { type: "text-delta", id: "t", delta: "Answer" }],
      [10_400, { type: "message-end", finishReason: "length", usage: { inputTokens: 5, outputTokens: 100 } }],
    ]);
    expect(output.map((line) => line.message)).toEqual([
      { role: "assistant", content: "", thinking: "Hmm." },
      { role: "assistant", content: "Answer" },
      { role: "assistant", content: "" },
    ]);
    expect(output.at(-1)).toMatchObject({ done: true, done_reason: "length", eval_count: 100, prompt_eval_duration: 100_000_000, eval_duration: 300_000_000 });
  });

  test("buffers a tool call whose arguments stream in pieces and sends it as one line with an object", () => {
    const { context, at } = manualClock();
    const output = run(createOllamaChatStreamEncoder(context), at, [
      [10_100, { type: "tool-call-start", id: "b1", toolCallId: "call_1", toolName: "get_weather" }],
      [10_150, { type: "tool-call-delta", id: "b1", inputDelta: '{"ci' }],
      [10_200, { type: "tool-call-delta", id: "b1", inputDelta: 'ty": "Paris"}' }],
      [10_250, { type: "tool-call-end", id: "b1" }],
      [10_260, { type: "tool-call-start", id: "b2", toolCallId: "call_2", toolName: "now" }],
      [10_270, { type: "tool-call-end", id: "b2" }],
      [10_300, { type: "message-end", finishReason: "tool-calls", usage: { inputTokens: 169, outputTokens: 15 } }],
    ]);
    expect(output).toHaveLength(3);
    expect(output[0]).toEqual({
      model: "gpt-4.1:latest",
      created_at: iso(10_250),
      message: { role: "assistant", content: "", tool_calls: [{ id: "call_1", function: { index: 0, name: "get_weather", arguments: { city: "Paris" } } }] },
      done: false,
    });
    expect(output[1]?.message.tool_calls).toEqual([{ id: "call_2", function: { index: 1, name: "now", arguments: {} } }]);
    // Ollama ends a tool-call turn with "stop".
    expect(output[2]).toMatchObject({ done: true, done_reason: "stop", prompt_eval_count: 169, eval_count: 15 });
  });

  test("takes input tokens from message-start when message-end has none", () => {
    const { context, at } = manualClock();
    const output = run(createOllamaChatStreamEncoder(context), at, [
      [10_000, { type: "message-start", id: "m", model: "x", usage: { inputTokens: 40 } }],
      [10_000, { type: "text-delta", id: "t", delta: "ok" }],
      [10_000, { type: "message-end", finishReason: "stop", usage: { outputTokens: 1 } }],
    ]);
    // No time passed: every duration with tokens is still at least 1 ns, so tokens per second stays finite.
    expect(output.at(-1)).toMatchObject({ prompt_eval_count: 40, eval_count: 1, prompt_eval_duration: 1, eval_duration: 1, total_duration: 2 });
  });

  test("ends with one error line and nothing after an error part", () => {
    const { context, at } = manualClock();
    const encoder = createOllamaChatStreamEncoder(context);
    at(10_100);
    const text =
      encoder.push({ type: "text-delta", id: "t", delta: "Partial" }) +
      encoder.push({ type: "tool-call-start", id: "b", toolCallId: "c", toolName: "f" }) +
      encoder.push({ type: "error", error: { status: 502, type: "api_error", message: "upstream connection reset" } }) +
      encoder.push({ type: "text-delta", id: "t", delta: "never" }) +
      encoder.push({ type: "message-end", finishReason: "stop", usage: {} }) +
      encoder.flush();
    expect(text.split("\n").slice(1)).toEqual(['{"error":"upstream connection reset"}', ""]);
    expect(encoder.ping?.()).toBe("");
  });

  test("flush closes a stream the upstream cut off, sending complete tool calls and dropping a partial one", () => {
    const { context, at } = manualClock();
    const output = run(createOllamaChatStreamEncoder(context), at, [
      [10_100, { type: "text-delta", id: "t", delta: "Let me" }],
      [10_100, { type: "tool-call-start", id: "b1", toolCallId: "c1", toolName: "ls" }],
      [10_100, { type: "tool-call-delta", id: "b1", inputDelta: '{"path": "."}' }],
      [10_100, { type: "tool-call-start", id: "b2", toolCallId: "c2", toolName: "cat" }],
      [10_100, { type: "tool-call-delta", id: "b2", inputDelta: '{"path": "RE' }],
    ]);
    expect(output.map((line) => line.message.tool_calls?.[0]?.function.name ?? line.message.content)).toEqual(["Let me", "ls", ""]);
    expect(output.at(-1)).toMatchObject({ done: true, done_reason: "stop" });
  });

  test("flush after the end adds nothing", () => {
    const { context } = manualClock();
    const encoder = createOllamaChatStreamEncoder(context);
    expect(lines(encoder.push({ type: "message-end", finishReason: "stop", usage: {} }))).toHaveLength(1);
    expect(encoder.flush()).toBe("");
  });
});

describe("hub stream → Ollama /api/generate NDJSON", () => {
  test("writes response and thinking deltas and a final line with an empty response", () => {
    const { context, at } = manualClock();
    const output = run(createOllamaGenerateStreamEncoder(context), at, [
      [10_100, { type: "reasoning-delta", id: "r", delta: "Think." }],
      [10_200, { type: "text-delta", id: "t", delta: "The" }],
      [10_300, { type: "text-delta", id: "t", delta: " sky" }],
      [10_500, { type: "message-end", finishReason: "stop", usage: { inputTokens: 26, outputTokens: 2 } }],
    ]);
    expect(output).toEqual([
      { model: "gpt-4.1:latest", created_at: iso(10_100), response: "", thinking: "Think.", done: false },
      { model: "gpt-4.1:latest", created_at: iso(10_200), response: "The", done: false },
      { model: "gpt-4.1:latest", created_at: iso(10_300), response: " sky", done: false },
      {
        model: "gpt-4.1:latest",
        created_at: iso(10_500),
        response: "",
        done_reason: "stop",
        total_duration: 500_000_000,
        load_duration: 0,
        prompt_eval_count: 26,
        prompt_eval_duration: 100_000_000,
        eval_count: 2,
        eval_duration: 400_000_000,
        done: true,
      },
    ]);
  });

  test("has no line for a tool call", () => {
    const { context, at } = manualClock();
    const output = run(createOllamaGenerateStreamEncoder(context), at, [
      [10_100, { type: "tool-call-start", id: "b", toolCallId: "c", toolName: "f" }],
      [10_100, { type: "tool-call-end", id: "b" }],
    ]);
    expect(output).toHaveLength(1);
    expect(output[0]).toMatchObject({ response: "", done: true });
  });
});

/**
 * The whole translated path for an Ollama client: Chat Completions SSE bytes, chopped into `pieceSize` pieces →
 * SSE events → chunk JSON → hub parts → Ollama NDJSON.
 */
function pipe(body: string, encoder: StreamEncoder, pieceSize: number): string {
  const parser = createSseParser();
  const decoder = createChatStreamDecoder();
  let out = "";
  const onEvents = (events: SseEvent[]) => {
    for (const event of events) {
      if (event.data === "[DONE]") continue;
      for (const part of decoder.push(JSON.parse(event.data))) out += encoder.push(part);
    }
  };
  for (const piece of split(new TextEncoder().encode(body), pieceSize)) onEvents(parser.push(piece));
  onEvents(parser.flush());
  for (const part of decoder.flush()) out += encoder.push(part);
  return out + encoder.flush();
}

const chunk = (delta: Record<string, unknown>, finish_reason: string | null = null) => ({
  id: "chatcmpl-1",
  object: "chat.completion.chunk",
  model: "gpt-4.1",
  choices: [{ index: 0, delta, finish_reason }],
});

describe("Chat Completions stream → Ollama NDJSON", () => {
  const context = () => ({ requestedModel: "gpt-4.1:latest", startedAt: 0, now: () => 250 });

  test("survives upstream bytes split inside multi-byte characters; every line is JSON", () => {
    const body = chatSseBody([
      chunk({ role: "assistant", content: "" }),
      chunk({ reasoning_text: "Réfléchir… 🤔" }),
      chunk({ content: "Ça marche — " }),
      chunk({ content: "日本語 😀" }),
      chunk({}, "stop"),
      { id: "chatcmpl-1", object: "chat.completion.chunk", model: "gpt-4.1", choices: [], usage: { prompt_tokens: 12, completion_tokens: 7 } },
    ]);
    for (const pieceSize of [1, 2, 3, 5]) {
      const text = pipe(body, createOllamaChatStreamEncoder(context()), pieceSize);
      expect(text.endsWith("\n")).toBe(true);
      const output = lines(text);
      expect(output.map((line) => line.message.thinking ?? "").join("")).toBe("Réfléchir… 🤔");
      expect(output.map((line) => line.message.content).join("")).toBe("Ça marche — 日本語 😀");
      const last = output.at(-1) ?? {};
      expect(last).toMatchObject({ done: true, done_reason: "stop", prompt_eval_count: 12, eval_count: 7 });
      for (const field of ["total_duration", "prompt_eval_duration", "eval_duration"]) expect(Number.isInteger(last[field])).toBe(true);
      expect(ollamaUsageFromText(text.slice(-400))).toEqual({ inputTokens: 12, outputTokens: 7, cachedTokens: 0 });
    }
  });

  test("turns a streamed tool call into one line with parsed arguments", () => {
    const body = chatSseBody(loadFixture<unknown[]>("streams/single-tool-call.json"));
    const output = lines(pipe(body, createOllamaChatStreamEncoder(context()), 7));
    expect(output.map((line) => line.message)).toEqual([
      { role: "assistant", content: "Let me look." },
      { role: "assistant", content: "", tool_calls: [{ id: "toolu_01", function: { index: 0, name: "Read", arguments: { file_path: "/tmp/a.txt" } } }] },
      { role: "assistant", content: "" },
    ]);
    expect(output.at(-1)).toMatchObject({ done: true, done_reason: "stop", prompt_eval_count: 500, eval_count: 40 });
  });

  test("ends with an error line when the upstream fails mid-stream", () => {
    const body = chatSseBody(loadFixture<unknown[]>("streams/error-mid-stream.json"));
    const output = lines(pipe(body, createOllamaGenerateStreamEncoder(context()), 4));
    expect(output).toEqual([
      { model: "gpt-4.1:latest", created_at: iso(250), response: "Partial ans", done: false },
      { error: "upstream connection reset" },
    ]);
  });
});

describe("Ollama stream framing in the dialects", () => {
  test("both dialects frame NDJSON without a [DONE] sentinel and end failures with an error line", () => {
    for (const dialect of [ollamaChatDialect, ollamaGenerateDialect]) {
      expect(dialect.framing).toBe("ndjson");
      expect(dialect.doneSentinel).toBe(false);
      expect(dialect.streamErrorEvent(new RelayError("not_found", 'model "gpt-9" not found'))).toBe('{"error":"model \\"gpt-9\\" not found"}\n');
    }
    expect(ollamaStreamErrorLine({ message: "boom" })).toBe('{"error":"boom"}\n');
    // The relay calls an Ollama upstream through /api/chat only.
    expect(ollamaChatDialect.wire?.framing).toBe("ndjson");
    expect(ollamaGenerateDialect.wire).toBeUndefined();
  });
});
