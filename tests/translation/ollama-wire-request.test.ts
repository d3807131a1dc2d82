import { describe, expect, test } from "bun:test";
import type { HubRequest } from "../../src/core/hub/index.ts";
import { decodeChatRequest, openAIChatDialect } from "../../src/protocols/openai-chat/index.ts";
import type { WireOptions } from "../../src/protocols/dialect.ts";
import { encodeOllamaChatRequest, ollamaChatDialect } from "../../src/protocols/ollama/index.ts";

/** What the Ollama provider gives every model today; `plain` is a model that does not think. */
const thinking: WireOptions = { useMaxCompletionTokens: false, reasoningEffort: true };
const budgeted: WireOptions = { useMaxCompletionTokens: false, reasoningEffort: false, thinkingBudget: { min: 0, max: 32000 } };
const plain: WireOptions = { useMaxCompletionTokens: false, reasoningEffort: false };
const hub = (overrides: Partial<HubRequest> = {}): HubRequest => ({
  model: "qwen3:8b",
  system: [],
  messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
  stream: false,
  ...overrides,
});
const encode = (overrides: Partial<HubRequest> = {}, options = thinking) => encodeOllamaChatRequest(hub(overrides), options);

const weatherSchema = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };

describe("hub → Ollama /api/chat request", () => {
  test("encodes a rich conversation: system, images, tools, a tool call and its result, format, think, options", () => {
    const dropped: string[] = [];
    const body = encodeOllamaChatRequest(
      hub({
        system: [
          { type: "text", text: "You are terse.", cacheControl: { type: "ephemeral" } },
          { type: "text", text: "Answer in English." },
        ],
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "What is in this picture, and the weather in Tokyo?" },
              { type: "image", source: { kind: "base64", mediaType: "image/png", data: "iVBORw0KGgo=" } },
              { type: "image", source: { kind: "url", url: "data:image/jpeg;base64,/9j/4AAQ" } },
              { type: "image", source: { kind: "url", url: "https://example.com/cat.png" } },
            ],
          },
          {
            role: "assistant",
            content: [
              { type: "reasoning", text: "A cat. Then the weather.", signature: "sig-1" },
              { type: "reasoning", text: "", signature: "blob", redacted: true },
              { type: "text", text: "A cat. Checking the weather." },
              { type: "tool-call", toolCallId: "call_0_abc", toolName: "get_weather", input: { city: "Tokyo" } },
              { type: "tool-call", toolCallId: "call_1_abc", toolName: "get_time", input: '{"zone": "JST"' },
            ],
          },
          {
            role: "user",
            content: [
              { type: "text", text: "Also: be quick." },
              { type: "tool-result", toolCallId: "call_0_abc", content: [{ type: "text", text: "Sunny, 24 °C" }] },
              { type: "tool-result", toolCallId: "call_1_abc", content: [{ type: "text", text: "unknown zone" }], isError: true },
            ],
          },
          { role: "system", content: [{ type: "text", text: "Be brief now." }] },
        ],
        tools: [
          { name: "get_weather", description: "Weather of a city", inputSchema: weatherSchema, strict: true },
          { name: "get_time", inputSchema: { type: "object", properties: {} } },
        ],
        responseFormat: { type: "json-schema", name: "answer", schema: { type: "object", properties: { text: { type: "string" } } }, strict: true },
        reasoning: { effort: "high" },
        maxOutputTokens: 512,
        temperature: 0.2,
        topP: 0.9,
        topK: 40,
        seed: 7,
        stopSequences: ["</end>"],
        presencePenalty: 0.5,
        frequencyPenalty: 0.25,
        user: "user-1",
        stream: true,
      }),
      thinking,
      dropped,
    );
    expect(body).toEqual({
      model: "qwen3:8b",
      messages: [
        { role: "system", content: "You are terse.\n\nAnswer in English." },
        { role: "user", content: "What is in this picture, and the weather in Tokyo?", images: ["iVBORw0KGgo=", "/9j/4AAQ"] },
        {
          role: "assistant",
          content: "A cat. Checking the weather.",
          thinking: "A cat. Then the weather.",
          tool_calls: [
            { id: "call_0_abc", function: { name: "get_weather", arguments: { city: "Tokyo" } } },
            // Arguments that never parsed go back as an object that shows them.
            { id: "call_1_abc", function: { name: "get_time", arguments: { _raw: '{"zone": "JST"' } } },
          ],
        },
        { role: "tool", content: "Sunny, 24 °C", tool_name: "get_weather", tool_call_id: "call_0_abc" },
        { role: "tool", content: "Error: unknown zone", tool_name: "get_time", tool_call_id: "call_1_abc" },
        { role: "user", content: "Also: be quick." },
        { role: "system", content: "Be brief now." },
      ],
      tools: [
        { type: "function", function: { name: "get_weather", description: "Weather of a city", parameters: weatherSchema } },
        { type: "function", function: { name: "get_time", parameters: { type: "object", properties: {} } } },
      ],
      format: { type: "object", properties: { text: { type: "string" } } },
      think: "high",
      options: { temperature: 0.2, top_p: 0.9, top_k: 40, seed: 7, stop: ["</end>"], num_predict: 512, presence_penalty: 0.5, frequency_penalty: 0.25 },
      stream: true,
    });
    expect(dropped).toEqual(["user", "image https://example.com/cat.png: Ollama takes base64 images, not URLs"]);
    // The wire's own encoder is the same function, without the notes.
    expect(ollamaChatDialect.wire?.encodeRequest(hub({ stream: true }), thinking)).toEqual({
      model: "qwen3:8b",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
    });
  });

  test("sends plain JSON output as format json, and nothing optional when the hub has none", () => {
    expect(encode({ responseFormat: { type: "json" } })).toEqual({ model: "qwen3:8b", messages: [{ role: "user", content: "hi" }], format: "json", stream: false });
  });

  test("a tool result's images ride on its tool message; an empty error result still says it failed", () => {
    const body = encode({
      messages: [
        { role: "assistant", content: [{ type: "tool-call", toolCallId: "t1", toolName: "Screenshot", input: {} }] },
        {
          role: "user",
          content: [
            { type: "tool-result", toolCallId: "t1", content: [{ type: "image", source: { kind: "base64", mediaType: "image/png", data: "QUJD" } }] },
            { type: "tool-result", toolCallId: "unknown", content: [], isError: true },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([
      { role: "assistant", content: "", tool_calls: [{ id: "t1", function: { name: "Screenshot", arguments: {} } }] },
      { role: "tool", content: "", images: ["QUJD"], tool_name: "Screenshot", tool_call_id: "t1" },
      { role: "tool", content: "Error", tool_call_id: "unknown" },
    ]);
  });

  test("skips turns left with nothing to send (only a signature, an empty text)", () => {
    const body = encode({
      messages: [
        { role: "user", content: [{ type: "text", text: "" }] },
        { role: "assistant", content: [{ type: "reasoning", text: "", signature: "opaque", redacted: true }] },
        { role: "user", content: [{ type: "text", text: "go" }] },
      ],
    });
    expect(body.messages).toEqual([{ role: "user", content: "go" }]);
  });

  test("maps reasoning to think: levels for a thinking model, true for a budgeted one, false when off, nothing for adaptive", () => {
    const think = (reasoning: HubRequest["reasoning"], options = thinking) => encode({ reasoning }, options).think;
    expect((["minimal", "low", "medium", "high", "xhigh"] as const).map((effort) => think({ effort }))).toEqual(["low", "low", "medium", "high", "high"]);
    expect([1024, 8192, 20000].map((budgetTokens) => think({ budgetTokens }))).toEqual(["low", "medium", "high"]);
    expect(think({ budgetTokens: 8192 }, budgeted)).toBe(true);
    expect(think({ effort: "low" }, budgeted)).toBe(true);
    expect(think({ disabled: true })).toBe(false);
    expect(think({ effort: "none" }, plain)).toBe(false);
    expect(think({ adaptive: true })).toBeUndefined();
    // An effort the client set beside adaptive thinking still counts.
    expect(think({ adaptive: true, effort: "low" })).toBe("low");
    // A model that does not think gets no think (Ollama would answer 400 "does not support thinking").
    expect(think({ effort: "high" }, plain)).toBeUndefined();
    expect(think(undefined)).toBeUndefined();
  });

  test("tool_choice none sends no tools; choices Ollama cannot express are noted and left to the model", () => {
    const tools = [{ name: "Read", inputSchema: { type: "object" } }];
    expect(encode({ tools, toolChoice: { type: "none" } }).tools).toBeUndefined();
    const dropped: string[] = [];
    const body = encodeOllamaChatRequest(hub({ tools, toolChoice: { type: "tool", toolName: "Read" }, parallelToolCalls: false }), thinking, dropped);
    expect(body.tools).toEqual([{ type: "function", function: { name: "Read", parameters: { type: "object" } } }]);
    expect(body.tool_choice).toBeUndefined();
    expect(body.parallel_tool_calls).toBeUndefined();
    expect(dropped).toEqual(["tool_choice Read (Ollama lets the model choose)", "parallel_tool_calls false"]);
  });

  test("a Chat Completions client's request arrives with its data URL stripped to base64 and its tool round trip named", () => {
    const chatBody = openAIChatDialect.validate({
      model: "qwen3:8b",
      stream: true,
      max_tokens: 100,
      messages: [
        { role: "system", content: "Be helpful." },
        {
          role: "user",
          content: [
            { type: "text", text: "Describe:" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          ],
        },
        { role: "assistant", content: null, tool_calls: [{ id: "call_a", type: "function", function: { name: "zoom", arguments: '{"factor":2}' } }] },
        { role: "tool", tool_call_id: "call_a", content: "zoomed" },
      ],
    });
    const body = encodeOllamaChatRequest(decodeChatRequest(chatBody), thinking);
    expect(body).toEqual({
      model: "qwen3:8b",
      messages: [
        { role: "system", content: "Be helpful." },
        { role: "user", content: "Describe:", images: ["iVBORw0KGgo="] },
        { role: "assistant", content: "", tool_calls: [{ id: "call_a", function: { name: "zoom", arguments: { factor: 2 } } }] },
        { role: "tool", content: "zoomed", tool_name: "zoom", tool_call_id: "call_a" },
      ],
      options: { num_predict: 100 },
      stream: true,
    });
  });
});
