import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import OpenAI, { APIError } from "openai";
import type { HubStreamPart } from "../../src/core/hub/index.ts";
import { createChatStreamEncoder } from "../../src/protocols/openai-chat/index.ts";
import { encodeContext, parseChatSse } from "./hub-helpers.ts";

const encodeAll = (parts: readonly HubStreamPart[], flush = true): string => {
  const encoder = createChatStreamEncoder(encodeContext({ requestedModel: "claude-sonnet-4-5" }));
  return parts.map((part) => encoder.push(part)).join("") + (flush ? encoder.flush() : "");
};

/** One line per chunk: its delta, finish reason or usage. */
const transcript = (text: string): string[] =>
  parseChatSse(text).map((chunk) => {
    if (chunk === "[DONE]") return "[DONE]";
    if (chunk.error) return `error ${JSON.stringify(chunk.error)}`;
    if (chunk.choices.length === 0) return `usage ${JSON.stringify(chunk.usage)}`;
    const choice = chunk.choices[0];
    return choice.finish_reason ? `finish ${choice.finish_reason}` : JSON.stringify(choice.delta);
  });

const toolTurn: HubStreamPart[] = [
  { type: "message-start", id: "msg_01", model: "claude-sonnet-4.5", usage: { inputTokens: 300 } },
  { type: "reasoning-start", id: "r" },
  { type: "reasoning-delta", id: "r", delta: "Think." },
  { type: "reasoning-signature", id: "r", signature: "sig" },
  { type: "reasoning-end", id: "r" },
  { type: "text-start", id: "t" },
  { type: "text-delta", id: "t", delta: "Looking." },
  { type: "text-end", id: "t" },
  { type: "tool-call-start", id: "a", toolCallId: "call_A", toolName: "Glob" },
  { type: "tool-call-start", id: "b", toolCallId: "call_B", toolName: "Grep" },
  { type: "tool-call-delta", id: "a", inputDelta: '{"pattern":"*.ts"}' },
  { type: "tool-call-delta", id: "b", inputDelta: '{"query":"TODO"}' },
  { type: "tool-call-end", id: "a" },
  { type: "tool-call-end", id: "b" },
  { type: "message-end", finishReason: "tool-calls", usage: { inputTokens: 300, outputTokens: 40, cacheReadTokens: 200 } },
];

describe("hub parts → chat.completion.chunk stream", () => {
  test("streams reasoning, text and interleaved tool calls, then the finish, the usage chunk and [DONE]", () => {
    expect(transcript(encodeAll(toolTurn))).toEqual([
      '{"role":"assistant","content":""}',
      '{"reasoning_text":"Think."}',
      '{"reasoning_opaque":"sig"}',
      '{"content":"Looking."}',
      '{"tool_calls":[{"index":0,"id":"call_A","type":"function","function":{"name":"Glob","arguments":""}}]}',
      '{"tool_calls":[{"index":1,"id":"call_B","type":"function","function":{"name":"Grep","arguments":""}}]}',
      '{"tool_calls":[{"index":0,"function":{"arguments":"{\\"pattern\\":\\"*.ts\\"}"}}]}',
      '{"tool_calls":[{"index":1,"function":{"arguments":"{\\"query\\":\\"TODO\\"}"}}]}',
      "finish tool_calls",
      'usage {"prompt_tokens":300,"completion_tokens":40,"total_tokens":340,"prompt_tokens_details":{"cached_tokens":200},"completion_tokens_details":{"reasoning_tokens":0}}',
      "[DONE]",
    ]);
  });

  test("gives every chunk the same id, object, created and the requested model", () => {
    const chunks = parseChatSse(encodeAll(toolTurn)).filter((chunk) => chunk !== "[DONE]");
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ id: "chatcmpl-msg_01", object: "chat.completion.chunk", created: 1767225600, model: "claude-sonnet-4-5" });
    }
  });

  test("separates text blocks with a blank line and leaves out the usage chunk when the upstream reported none", () => {
    const text = encodeAll([
      { type: "text-start", id: "1" },
      { type: "text-delta", id: "1", delta: "One." },
      { type: "text-end", id: "1" },
      { type: "text-start", id: "2" },
      { type: "text-delta", id: "2", delta: "Two." },
      { type: "message-end", finishReason: "length", usage: {} },
    ]);
    expect(transcript(text)).toEqual(['{"role":"assistant","content":""}', '{"content":"One."}', '{"content":"\\n\\nTwo."}', "finish length", "[DONE]"]);
  });

  test("ends with the OpenAI error chunk and [DONE] after an error part, and writes nothing after it", () => {
    const encoder = createChatStreamEncoder(encodeContext());
    const text = [
      encoder.push({ type: "message-start", id: "x", model: "m" }),
      encoder.push({ type: "text-delta", id: "t", delta: "Hal" }),
      encoder.push({ type: "error", error: { status: 529, type: "overloaded_error", message: "Overloaded" } }),
      encoder.push({ type: "text-delta", id: "t", delta: "f" }),
      encoder.flush(),
    ].join("");
    expect(transcript(text).slice(2)).toEqual(['error {"message":"Overloaded","type":"overloaded_error","param":null,"code":null}', "[DONE]"]);
    expect(encoder.ping?.()).toBe("");
  });

  test("flush finishes a stream that never ended, once; ping is an SSE comment until the end", () => {
    const encoder = createChatStreamEncoder(encodeContext());
    expect(encoder.ping?.()).toBe(": ping\n\n");
    const text = encoder.push({ type: "text-delta", id: "t", delta: "cut" }) + encoder.flush();
    expect(transcript(text)).toEqual(['{"role":"assistant","content":""}', '{"content":"cut"}', "finish stop", "[DONE]"]);
    expect(encoder.flush()).toBe("");
    expect(encoder.ping?.()).toBe("");
  });

  test("drops argument deltas of a call it never saw start, rather than inventing a call", () => {
    expect(transcript(encodeAll([{ type: "tool-call-delta", id: "ghost", inputDelta: "{}" }]))).toEqual([
      '{"role":"assistant","content":""}',
      "finish stop",
      "[DONE]",
    ]);
  });
});

/** The official openai SDK reads the encoded stream from a loopback server and must assemble the expected answer. */
describe("the openai SDK accepts the encoded streams", () => {
  let server: ReturnType<typeof Bun.serve>;
  let nextBody = "";
  let client: OpenAI;
  beforeAll(() => {
    server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response(nextBody, { headers: { "content-type": "text/event-stream" } }) });
    client = new OpenAI({ apiKey: "test-key", baseURL: `http://127.0.0.1:${server.port}/v1`, maxRetries: 0 });
  });
  afterAll(() => server.stop(true));
  const stream = (body: string) => {
    nextBody = body;
    return client.chat.completions.stream({ model: "claude-sonnet-4-5", messages: [{ role: "user", content: "hi" }], stream_options: { include_usage: true } });
  };

  test("assembles text, both parallel tool calls and usage", async () => {
    const completion = await stream(encodeAll(toolTurn)).finalChatCompletion();
    const choice = completion.choices[0];
    expect(choice?.message.content).toBe("Looking.");
    expect(choice?.message.tool_calls?.map((call) => (call.type === "function" ? [call.id, call.function.name, call.function.arguments] : []))).toEqual([
      ["call_A", "Glob", '{"pattern":"*.ts"}'],
      ["call_B", "Grep", '{"query":"TODO"}'],
    ]);
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(completion.usage).toMatchObject({ prompt_tokens: 300, completion_tokens: 40, total_tokens: 340 });
    expect(completion.model).toBe("claude-sonnet-4-5");
  });

  test("raises an error part as an APIError", async () => {
    const body = encodeAll([
      { type: "message-start", id: "x", model: "m" },
      { type: "error", error: { status: 429, type: "rate_limit_error", message: "Slow down" } },
    ]);
    const failure = await stream(body)
      .finalChatCompletion()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).error).toMatchObject({ message: "Slow down", type: "rate_limit_error" });
  });
});
