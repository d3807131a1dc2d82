import { describe, expect, test } from "bun:test";
import { decodeOllamaChatResult, ollamaChatDialect } from "../../src/protocols/ollama/index.ts";

const answer = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  model: "qwen3:8b",
  created_at: "2026-01-01T00:00:00Z",
  message: { role: "assistant", content: "", ...message },
  done: true,
  done_reason: "stop",
  total_duration: 3244883583,
  load_duration: 2969184542,
  prompt_eval_count: 169,
  prompt_eval_duration: 141656333,
  eval_count: 18,
  eval_duration: 133293625,
  ...extra,
});

describe("Ollama /api/chat answer → hub result", () => {
  test("translates thinking, text and usage", () => {
    expect(decodeOllamaChatResult(answer({ content: "Héllo 👋", thinking: "Greet back." }))).toEqual({
      id: "",
      model: "qwen3:8b",
      content: [
        { type: "reasoning", text: "Greet back." },
        { type: "text", text: "Héllo 👋" },
      ],
      finishReason: "stop",
      usage: { inputTokens: 169, outputTokens: 18 },
    });
  });

  test("gives tool calls ids (keeping Ollama's own) and ends with the tool-call reason", () => {
    const result = decodeOllamaChatResult(
      answer({
        tool_calls: [
          { function: { name: "get_weather", arguments: { city: "Tokyo" } } },
          { id: "call_upstream", function: { index: 1, name: "get_time", arguments: { zone: "JST" } } },
          { function: { name: "copied_openai_shape", arguments: '{"a": 1}' } },
          { function: { name: "no_arguments" } },
        ],
      }),
      "t",
    );
    expect(result.content).toEqual([
      { type: "tool-call", toolCallId: "call_0_t", toolName: "get_weather", input: { city: "Tokyo" } },
      { type: "tool-call", toolCallId: "call_upstream", toolName: "get_time", input: { zone: "JST" } },
      { type: "tool-call", toolCallId: "call_2_t", toolName: "copied_openai_shape", input: { a: 1 } },
      { type: "tool-call", toolCallId: "call_3_t", toolName: "no_arguments", input: {} },
    ]);
    expect(result.finishReason).toBe("tool-calls");
  });

  test("random id suffixes differ between answers, so ids never collide across turns", () => {
    const call = answer({ tool_calls: [{ function: { name: "a", arguments: {} } }] });
    const [first, second] = [ollamaChatDialect.wire?.decodeResult(call), ollamaChatDialect.wire?.decodeResult(call)];
    const id = (result: typeof first) => (result?.content[0]?.type === "tool-call" ? result.content[0].toolCallId : "");
    expect(id(first)).toMatch(/^call_0_[0-9a-f]{16}$/);
    expect(id(first)).not.toBe(id(second));
  });

  test("maps done reasons: length, stop, the field left out (older versions), and unknown ones", () => {
    const reason = (extra: Record<string, unknown>) => decodeOllamaChatResult(answer({ content: "x" }, extra)).finishReason;
    expect(reason({ done_reason: "length" })).toBe("length");
    expect(reason({ done_reason: "stop" })).toBe("stop");
    expect(reason({ done_reason: undefined })).toBe("stop");
    expect(reason({ done_reason: "something_new" })).toBe("other");
  });

  test("is tolerant of bodies that are not answers", () => {
    expect(decodeOllamaChatResult(null)).toEqual({ id: "", model: "", content: [], finishReason: "stop", usage: { inputTokens: 0, outputTokens: 0 } });
    expect(decodeOllamaChatResult({ message: "hi", eval_count: -1 }).usage).toEqual({ inputTokens: 0, outputTokens: -1 });
  });
});
