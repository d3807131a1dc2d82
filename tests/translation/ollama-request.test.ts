import { describe, expect, test } from "bun:test";
import { RelayError } from "../../src/core/relay-error.ts";
import {
  decodeOllamaChatRequest,
  decodeOllamaGenerateRequest,
  fillInTheMiddleInstruction,
  type OllamaChatRequest,
  type OllamaGenerateRequest,
  ollamaChatDialect,
  ollamaGenerateDialect,
  ollamaShowModelName,
} from "../../src/protocols/ollama/index.ts";
import { encodeChatRequest } from "../../src/protocols/openai-chat/index.ts";

const chat = (overrides: Partial<OllamaChatRequest> = {}): OllamaChatRequest => ({
  model: "gpt-4.1:latest",
  messages: [{ role: "user", content: "hi" }],
  ...overrides,
});
const generate = (overrides: Partial<OllamaGenerateRequest> = {}): OllamaGenerateRequest => ({
  model: "gpt-4.1",
  prompt: "Why is the sky blue?",
  ...overrides,
});

/** Base64 of a file's first bytes, as a client would send the whole file. */
const base64 = (bytes: string) => btoa(`${bytes}${"\0".repeat(16)}`);
const png = base64("\x89PNG\r\n\x1a\n");
const jpeg = base64("\xff\xd8\xff\xe0\0\x10JFIF");
const gif = base64("GIF89a");
const webp = base64("RIFF\x24\0\0\0WEBPVP8 ");

describe("Ollama request validation", () => {
  test("accepts what the ollama client sends, with unknown fields and nulls for unset options", () => {
    const body = {
      model: "gpt-4.1",
      messages: [{ role: "assistant", content: null, tool_calls: [{ function: { name: "f", arguments: {} } }] }],
      options: { temperature: null, num_gpu: 1, mirostat: 0 },
      keep_alive: "5m",
      think: "high",
      logprobs: false,
    };
    expect(ollamaChatDialect.validate(body)).toBe(body as never);
    expect(ollamaGenerateDialect.validate({ model: "m", prompt: "p", context: [1, 2], keep_alive: 0 })).toBeDefined();
  });

  test("rejects a missing model and an unknown role with a 400 naming the field", () => {
    const failure = (body: unknown) => {
      try {
        ollamaChatDialect.validate(body);
      } catch (error) {
        return error as RelayError;
      }
      throw new Error("expected a validation error");
    };
    expect(failure({ messages: [] }).param).toBe("model");
    expect(failure({ model: "m", messages: [{ role: "developer", content: "x" }] })).toMatchObject({ status: 400, param: "messages[0].role" });
    expect(failure({ model: "m", format: "yaml" }).status).toBe(400);
  });

  test("/api/show takes model, or the legacy name", () => {
    expect(ollamaShowModelName({ model: "gpt-4.1:latest" })).toBe("gpt-4.1:latest");
    expect(ollamaShowModelName({ name: "gpt-4.1" })).toBe("gpt-4.1");
    expect(() => ollamaShowModelName({})).toThrow(RelayError);
  });
});

describe("Ollama /api/chat → hub request", () => {
  test("keeps system messages in place and streams by default", () => {
    const hub = decodeOllamaChatRequest(chat({ messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }] }));
    expect(hub).toEqual({
      model: "gpt-4.1:latest",
      system: [],
      messages: [
        { role: "system", content: [{ type: "text", text: "Be brief." }] },
        { role: "user", content: [{ type: "text", text: "hi" }] },
      ],
      stream: true,
    });
    expect(decodeOllamaChatRequest(chat({ stream: false })).stream).toBe(false);
    expect(ollamaChatDialect.stream(chat())).toBe(true);
    expect(ollamaChatDialect.stream(chat({ stream: false }))).toBe(false);
  });

  test("detects the media type of bare base64 images from their first bytes, PNG when unknown", () => {
    const images = [png, jpeg, gif, webp, btoa("plain text here!"), "data:image/jpeg;base64,AAAA", "https://example.com/cat.png"];
    const hub = decodeOllamaChatRequest(chat({ messages: [{ role: "user", content: "What is this?", images }] }));
    expect(hub.messages[0]).toEqual({
      role: "user",
      content: [
        { type: "text", text: "What is this?" },
        { type: "image", source: { kind: "base64", mediaType: "image/png", data: png } },
        { type: "image", source: { kind: "base64", mediaType: "image/jpeg", data: jpeg } },
        { type: "image", source: { kind: "base64", mediaType: "image/gif", data: gif } },
        { type: "image", source: { kind: "base64", mediaType: "image/webp", data: webp } },
        { type: "image", source: { kind: "base64", mediaType: "image/png", data: btoa("plain text here!") } },
        { type: "image", source: { kind: "base64", mediaType: "image/jpeg", data: "AAAA" } },
        { type: "image", source: { kind: "url", url: "https://example.com/cat.png" } },
      ],
    });
    expect(ollamaChatDialect.hasImage(chat({ messages: [{ role: "user", content: "x", images: [png] }] }))).toBe(true);
    expect(ollamaChatDialect.hasImage(chat())).toBe(false);
  });

  test("gives id-less tool calls stable ids and pairs the tool results of a two-call round trip", () => {
    const body = chat({
      messages: [
        { role: "user", content: "Weather in Paris and time in Tokyo?" },
        {
          role: "assistant",
          content: "",
          thinking: "Two tools.",
          tool_calls: [
            { function: { name: "get_weather", arguments: { city: "Paris" } } },
            { function: { name: "get_time", arguments: { city: "Tokyo" } } },
          ],
        },
        // Answered out of order, the first by name, the second without one.
        { role: "tool", tool_name: "get_time", content: "09:00" },
        { role: "tool", content: "18°C" },
        { role: "assistant", tool_calls: [{ function: { name: "get_weather", arguments: '{"city":"Rome"}' } }] },
        { role: "tool", content: "21°C" },
      ],
    });
    const hub = decodeOllamaChatRequest(body);
    expect(hub.messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "Two tools." },
          { type: "tool-call", toolCallId: "call_1_0", toolName: "get_weather", input: { city: "Paris" } },
          { type: "tool-call", toolCallId: "call_1_1", toolName: "get_time", input: { city: "Tokyo" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool-result", toolCallId: "call_1_1", content: [{ type: "text", text: "09:00" }] },
          { type: "tool-result", toolCallId: "call_1_0", content: [{ type: "text", text: "18°C" }] },
        ],
      },
      { role: "assistant", content: [{ type: "tool-call", toolCallId: "call_4_0", toolName: "get_weather", input: { city: "Rome" } }] },
      { role: "user", content: [{ type: "tool-result", toolCallId: "call_4_0", content: [{ type: "text", text: "21°C" }] }] },
    ]);
    // The pairing survives the trip to a Chat Completions upstream: each tool message answers a call id.
    const upstream = encodeChatRequest(hub, { useMaxCompletionTokens: false }).messages as Record<string, unknown>[];
    expect(upstream.filter((message) => message.role === "tool").map((message) => message.tool_call_id)).toEqual(["call_1_1", "call_1_0", "call_4_0"]);
    expect(ollamaChatDialect.turn(body).initiator).toBe("agent");
  });

  test("uses the ids newer Ollama versions send, and keeps a result without a call as user text", () => {
    const hub = decodeOllamaChatRequest(
      chat({
        messages: [
          { role: "tool", tool_name: "ls", content: "a.txt" },
          { role: "assistant", tool_calls: [{ id: "call_x", function: { name: "ls", arguments: {} } }, { id: "call_y", function: { name: "ls", arguments: {} } }] },
          { role: "tool", tool_call_id: "call_y", content: "y" },
          { role: "tool", tool_name: "ls", content: "x" },
        ],
      }),
    );
    expect(hub.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Result of tool ls:\na.txt" }] },
      {
        role: "assistant",
        content: [
          { type: "tool-call", toolCallId: "call_x", toolName: "ls", input: {} },
          { type: "tool-call", toolCallId: "call_y", toolName: "ls", input: {} },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool-result", toolCallId: "call_y", content: [{ type: "text", text: "y" }] },
          { type: "tool-result", toolCallId: "call_x", content: [{ type: "text", text: "x" }] },
        ],
      },
    ]);
  });

  test("translates OpenAI-shaped tools, cleaning their schemas", () => {
    const hub = decodeOllamaChatRequest(
      chat({
        tools: [
          {
            type: "function",
            function: {
              name: "get_weather",
              description: "Weather for a city",
              parameters: { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { city: { type: "string" } }, required: ["city"] },
            },
          },
          { type: "function", function: { name: "now" } },
        ],
      }),
    );
    expect(hub.tools).toEqual([
      { name: "get_weather", description: "Weather for a city", inputSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
      { name: "now", inputSchema: { type: "object", properties: {} } },
    ]);
  });

  test("maps format json and a JSON schema to structured output", () => {
    expect(decodeOllamaChatRequest(chat({ format: "json" })).responseFormat).toEqual({ type: "json" });
    const schema = { type: "object", properties: { age: { type: "integer" } }, required: ["age"] };
    expect(decodeOllamaChatRequest(chat({ format: schema })).responseFormat).toEqual({ type: "json-schema", name: "response", schema });
    expect(decodeOllamaChatRequest(chat({ format: "" })).responseFormat).toBeUndefined();
  });

  test("maps options to sampling fields; num_predict -1 and num_ctx mean nothing upstream", () => {
    const options = { temperature: 0.2, top_p: 0.9, top_k: 40, num_predict: 256, stop: "\n\n", seed: 42, presence_penalty: 0.5, frequency_penalty: 0.1, num_ctx: 8192 };
    expect(decodeOllamaChatRequest(chat({ options }))).toMatchObject({
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 256,
      stopSequences: ["\n\n"],
      seed: 42,
      presencePenalty: 0.5,
      frequencyPenalty: 0.1,
    });
    const unlimited = decodeOllamaChatRequest(chat({ options: { num_predict: -1, stop: ["END", "STOP"], temperature: null } }));
    expect(unlimited.maxOutputTokens).toBeUndefined();
    expect(unlimited.temperature).toBeUndefined();
    expect(unlimited.stopSequences).toEqual(["END", "STOP"]);
  });

  test("maps think: true, a level, and false", () => {
    const reasoning = (think: OllamaChatRequest["think"]) => decodeOllamaChatRequest(chat({ think })).reasoning;
    expect(reasoning(true)).toEqual({ effort: "medium" });
    expect(reasoning("low")).toEqual({ effort: "low" });
    expect(reasoning("high")).toEqual({ effort: "high" });
    expect(reasoning("max")).toEqual({ effort: "xhigh" });
    expect(reasoning(false)).toEqual({ disabled: true });
    expect(reasoning(undefined)).toBeUndefined();
  });

  test("a turn after a tool result or an assistant prefill is agent work; a user message is the person's", () => {
    expect(ollamaChatDialect.turn(chat()).initiator).toBe("user");
    expect(ollamaChatDialect.turn(chat({ messages: [{ role: "user", content: "x" }, { role: "assistant", content: "Sure," }] })).initiator).toBe("agent");
    expect(ollamaChatDialect.turn(chat({ messages: [{ role: "user", content: "x" }, { role: "system", content: "note" }] })).initiator).toBe("user");
    expect(ollamaChatDialect.turn(chat({ messages: [] })).initiator).toBe("user");
  });

  test("lowers options.num_predict to the model's limit and reports the old value", () => {
    const body = chat({ options: { num_predict: 100_000 } });
    expect(ollamaChatDialect.limitOutput(body, 16_384)).toBe(100_000);
    expect(body.options?.num_predict).toBe(16_384);
    expect(ollamaChatDialect.limitOutput(body, 32_000)).toBeUndefined();
    expect(ollamaChatDialect.limitOutput(chat({ options: { num_predict: -1 } }), 100)).toBeUndefined();
    expect(ollamaGenerateDialect.limitOutput(generate(), 100)).toBeUndefined();
  });

  test("setModel replaces the model the upstream sees", () => {
    const body = chat();
    ollamaChatDialect.setModel(body, "gpt-4.1-2025-04-14");
    expect(ollamaChatDialect.model(body)).toBe("gpt-4.1-2025-04-14");
  });
});

describe("Ollama /api/generate → hub request", () => {
  test("puts system in the system prompt and the prompt, with its images, in one user message", () => {
    const body = generate({ system: "You are terse.", images: [jpeg], options: { num_predict: 50 }, stream: false, think: true });
    expect(decodeOllamaGenerateRequest(body)).toEqual({
      model: "gpt-4.1",
      system: [{ type: "text", text: "You are terse." }],
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Why is the sky blue?" },
            { type: "image", source: { kind: "base64", mediaType: "image/jpeg", data: jpeg } },
          ],
        },
      ],
      maxOutputTokens: 50,
      reasoning: { effort: "medium" },
      stream: false,
    });
    expect(ollamaGenerateDialect.turn(body).initiator).toBe("user");
    expect(ollamaGenerateDialect.hasImage(body)).toBe(true);
    expect(ollamaGenerateDialect.hasImage(generate())).toBe(false);
  });

  test("turns a suffix into a fill-in-the-middle task", () => {
    const hub = decodeOllamaGenerateRequest(generate({ prompt: "def compute_gcd(a, b):", suffix: "    return result", system: "Python only." }));
    expect(hub.system).toEqual([
      { type: "text", text: "Python only." },
      { type: "text", text: fillInTheMiddleInstruction },
    ]);
    expect(hub.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "<prefix>def compute_gcd(a, b):</prefix>\n<suffix>    return result</suffix>" }] },
    ]);
  });

  test("notes the context it cannot replay and ignores raw, template and keep_alive", () => {
    const hub = decodeOllamaGenerateRequest(generate({ context: [1, 2, 3], raw: true, template: "{{ .Prompt }}", keep_alive: "10m", format: "json" }));
    expect(hub.dropped).toEqual([
      "context: token ids from an earlier /api/generate answer cannot be replayed to a hosted model",
      "template: a hosted model applies its own prompt template",
    ]);
    expect(hub.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Why is the sky blue?" }] }]);
    expect(hub.responseFormat).toEqual({ type: "json" });
    expect(hub.stream).toBe(true);
  });
});
