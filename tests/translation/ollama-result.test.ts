import { describe, expect, test } from "bun:test";
import type { HubResult } from "../../src/core/hub/index.ts";
import { RelayError } from "../../src/core/relay-error.ts";
import type { EncodeContext } from "../../src/protocols/dialect.ts";
import {
  encodeOllamaChatResult,
  encodeOllamaGenerateResult,
  isOllamaChatLoad,
  isOllamaGenerateLoad,
  ollamaChatDialect,
  ollamaErrorBody,
  ollamaGenerateDialect,
  ollamaLoadAnswer,
  ollamaUsageFromText,
} from "../../src/protocols/ollama/index.ts";
import { decodeChatResult } from "../../src/protocols/openai-chat/index.ts";

const context: EncodeContext = {
  requestedModel: "gpt-4.1:latest",
  requestId: "req-1",
  estimatedInputTokens: 0,
  request: {},
  startedAt: 1_767_225_600_000,
  now: () => 1_767_225_601_100,
};

const result = (overrides: Partial<HubResult> = {}): HubResult => ({
  id: "chatcmpl-1",
  model: "gpt-4.1-2025-04-14",
  content: [{ type: "text", text: "Hello!" }],
  finishReason: "stop",
  usage: { inputTokens: 100, outputTokens: 10 },
  ...overrides,
});

describe("hub result → Ollama /api/chat answer", () => {
  test("echoes the requested model and reports counters over the relay's 1.1 s", () => {
    expect(ollamaChatDialect.encodeResult(result(), context)).toEqual({
      model: "gpt-4.1:latest",
      created_at: "2026-01-01T00:00:01.100Z",
      message: { role: "assistant", content: "Hello!" },
      done: true,
      done_reason: "stop",
      // Without a first-token time, 100 prompt tokens weigh 100 against 10 × 10 for the output: half each.
      total_duration: 1_100_000_000,
      load_duration: 0,
      prompt_eval_count: 100,
      prompt_eval_duration: 550_000_000,
      eval_count: 10,
      eval_duration: 550_000_000,
    });
  });

  test("carries thinking and tool calls whose arguments are always objects", () => {
    const answer = encodeOllamaChatResult(
      result({
        content: [
          { type: "reasoning", text: "Need weather.", signature: "sig" },
          { type: "reasoning", text: "", signature: "opaque", redacted: true },
          { type: "tool-call", toolCallId: "call_a", toolName: "get_weather", input: { city: "Tokyo" } },
          { type: "tool-call", toolCallId: "call_b", toolName: "now", input: '{"tz": "UTC"}' },
          { type: "tool-call", toolCallId: "call_c", toolName: "bad", input: '{"broken' },
        ],
        finishReason: "tool-calls",
      }),
      context,
    );
    expect(answer.message).toEqual({
      role: "assistant",
      content: "",
      thinking: "Need weather.",
      tool_calls: [
        { id: "call_a", function: { index: 0, name: "get_weather", arguments: { city: "Tokyo" } } },
        { id: "call_b", function: { index: 1, name: "now", arguments: { tz: "UTC" } } },
        { id: "call_c", function: { index: 2, name: "bad", arguments: {} } },
      ],
    });
    expect(answer.done_reason).toBe("stop");
  });

  test("says length when the output limit cut the answer", () => {
    expect(encodeOllamaChatResult(result({ finishReason: "length" }), context).done_reason).toBe("length");
  });

  test("translates a Chat Completions answer end to end", () => {
    const json = {
      id: "chatcmpl-9",
      model: "gpt-4.1",
      choices: [{ index: 0, message: { role: "assistant", content: "Sunny." }, finish_reason: "stop" }],
      usage: { prompt_tokens: 30, completion_tokens: 3 },
    };
    expect(encodeOllamaChatResult(decodeChatResult(json), context)).toMatchObject({
      message: { role: "assistant", content: "Sunny." },
      prompt_eval_count: 30,
      eval_count: 3,
      done: true,
    });
  });
});

describe("hub result → Ollama /api/generate answer", () => {
  test("puts the text in response, the reasoning in thinking, and no context", () => {
    const answer = ollamaGenerateDialect.encodeResult(
      result({ content: [{ type: "reasoning", text: "Rayleigh." }, { type: "text", text: "Scattering." }] }),
      context,
    );
    expect(answer).toEqual({
      model: "gpt-4.1:latest",
      created_at: "2026-01-01T00:00:01.100Z",
      response: "Scattering.",
      thinking: "Rayleigh.",
      done: true,
      done_reason: "stop",
      total_duration: 1_100_000_000,
      load_duration: 0,
      prompt_eval_count: 100,
      prompt_eval_duration: 550_000_000,
      eval_count: 10,
      eval_duration: 550_000_000,
    });
    expect(encodeOllamaGenerateResult(result(), context)).not.toHaveProperty("thinking");
  });
});

describe("Ollama errors and usage", () => {
  test("renders a relay error as {error}", () => {
    expect(ollamaErrorBody(new RelayError("not_found", 'model "gpt-9" not found, try pulling it first'))).toEqual({
      error: 'model "gpt-9" not found, try pulling it first',
    });
    expect(ollamaChatDialect.errorBody(new RelayError("invalid_request", "bad"))).toEqual({ error: "bad" });
  });

  test("reads usage from the last line without parsing, and nothing from a line without counters", () => {
    const tail = '{"response":"x","done":false}\n{"response":"","done":true,"prompt_eval_count":26,"prompt_eval_duration":1,"eval_count":290,"eval_duration":2}\n';
    expect(ollamaUsageFromText(tail, "")).toEqual({ inputTokens: 26, outputTokens: 290, cachedTokens: 0 });
    expect(ollamaGenerateDialect.usageFromText('{"response":"x","done":false}\n', "")).toBeUndefined();
  });
});

describe("Ollama load requests", () => {
  test("recognises prompt-less requests as model loads and answers them as Ollama does", () => {
    expect(isOllamaChatLoad({ messages: [] })).toBe(true);
    expect(isOllamaChatLoad({})).toBe(true);
    expect(isOllamaChatLoad({ messages: [{ role: "user", content: "hi" }] })).toBe(false);
    expect(isOllamaGenerateLoad({ prompt: "" })).toBe(true);
    expect(isOllamaGenerateLoad({ prompt: "", images: ["iVBORw0KGgo="] })).toBe(false);
    expect(ollamaLoadAnswer("generate", { model: "m" }, "2026-01-01T00:00:00.000Z")).toEqual({
      model: "m",
      created_at: "2026-01-01T00:00:00.000Z",
      response: "",
      done: true,
      done_reason: "load",
    });
    expect(ollamaLoadAnswer("chat", { model: "m", keep_alive: 0 }, "t")).toMatchObject({ message: { role: "assistant", content: "" }, done_reason: "unload" });
  });
});
