import { describe, expect, test } from "bun:test";
import type { HubRequest } from "../../src/core/hub/index.ts";
import type { WireOptions } from "../../src/protocols/dialect.ts";
import { encodeChatRequest } from "../../src/protocols/openai-chat/index.ts";

const claude: WireOptions = { useMaxCompletionTokens: false, reasoningEffort: false, thinkingBudget: { min: 1024, max: 32000 } };
const gpt: WireOptions = { useMaxCompletionTokens: true, reasoningEffort: true };
const plain: WireOptions = { useMaxCompletionTokens: false, reasoningEffort: false };
const hub = (overrides: Partial<HubRequest> = {}): HubRequest => ({
  model: "m",
  system: [],
  messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
  stream: false,
  ...overrides,
});
const reasoningOf = (reasoning: HubRequest["reasoning"], options: WireOptions) => {
  const { thinking_budget, reasoning_effort } = encodeChatRequest(hub({ reasoning }), options);
  return { thinking_budget, reasoning_effort };
};

describe("hub → Chat Completions request, shaped by the model's wire options", () => {
  test("sends a budget to a model that takes one, clamped to its bounds", () => {
    expect(reasoningOf({ budgetTokens: 10000 }, claude)).toEqual({ thinking_budget: 10000, reasoning_effort: undefined });
    expect(reasoningOf({ budgetTokens: 64000 }, claude).thinking_budget).toBe(32000);
    expect(reasoningOf({ budgetTokens: 100 }, claude).thinking_budget).toBe(1024);
  });

  test("turns an effort into a budget for such a model", () => {
    const budgets = (["minimal", "low", "medium", "high", "xhigh"] as const).map((effort) => reasoningOf({ effort }, claude).thinking_budget);
    expect(budgets).toEqual([1024, 2048, 8192, 16384, 32000]);
    expect(reasoningOf({ effort: "xhigh" }, { ...claude, thinkingBudget: { min: 1024, max: 24000 } }).thinking_budget).toBe(24000);
    expect(reasoningOf({ effort: "none" }, claude).thinking_budget).toBeUndefined();
  });

  test("sends an effort to a model that takes one, mapping a budget to the effort of its size", () => {
    expect(reasoningOf({ effort: "minimal" }, gpt)).toEqual({ thinking_budget: undefined, reasoning_effort: "minimal" });
    expect([1024, 4095, 4096, 16383, 16384].map((budgetTokens) => reasoningOf({ budgetTokens }, gpt).reasoning_effort)).toEqual([
      "low",
      "low",
      "medium",
      "medium",
      "high",
    ]);
  });

  test("sends nothing for adaptive or disabled reasoning, nor to a model that takes neither field", () => {
    expect(reasoningOf({ adaptive: true }, claude)).toEqual({ thinking_budget: undefined, reasoning_effort: undefined });
    expect(reasoningOf({ adaptive: true }, gpt)).toEqual({ thinking_budget: undefined, reasoning_effort: undefined });
    expect(reasoningOf({ disabled: true, effort: "high" }, gpt)).toEqual({ thinking_budget: undefined, reasoning_effort: undefined });
    expect(reasoningOf({ budgetTokens: 8000, effort: "high" }, plain)).toEqual({ thinking_budget: undefined, reasoning_effort: undefined });
    // Claude Code's output_config.effort beside adaptive thinking is the client's explicit choice.
    expect(reasoningOf({ adaptive: true, effort: "high" }, gpt).reasoning_effort).toBe("high");
  });

  test("maps structured output, seed, penalties and strict tools", () => {
    const body = encodeChatRequest(
      hub({
        tools: [{ name: "Run", description: "Run it", inputSchema: { type: "object", properties: {} }, strict: true }],
        responseFormat: { type: "json-schema", name: "answer", schema: { type: "object" }, strict: true, description: "The answer" },
        seed: 7,
        frequencyPenalty: 0.2,
        presencePenalty: -0.1,
        maxOutputTokens: 300,
      }),
      gpt,
    );
    expect(body).toEqual({
      model: "m",
      messages: [{ role: "user", content: "hi" }],
      tools: [{ type: "function", function: { name: "Run", description: "Run it", parameters: { type: "object", properties: {} }, strict: true } }],
      response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object" }, strict: true, description: "The answer" } },
      seed: 7,
      frequency_penalty: 0.2,
      presence_penalty: -0.1,
      max_completion_tokens: 300,
      stream: false,
    });
    expect(encodeChatRequest(hub({ responseFormat: { type: "json" } }), plain).response_format).toEqual({ type: "json_object" });
  });

  test("sends parallel_tool_calls only with tools, and asks for usage on streams", () => {
    expect(encodeChatRequest(hub({ parallelToolCalls: false }), plain)).not.toHaveProperty("parallel_tool_calls");
    expect(encodeChatRequest(hub({ stream: true }), plain)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });
});
