import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import OpenAI from "openai";
import { encodeResponsesResult } from "../../src/protocols/openai-responses/index.ts";
import { chatSseBody, loadFixture } from "./helpers.ts";
import { encodeContext, responsesTranscript, streamProblems, translateChatToResponses } from "./responses-helpers.ts";

const chatStream = (name: string): string => chatSseBody(loadFixture<unknown[]>(`streams/${name}.json`));

const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) => ({
  id: "chatcmpl-utf8",
  object: "chat.completion.chunk",
  model: "gpt-4.1",
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});
const multiByte = chatSseBody([
  chunk({ role: "assistant", content: "Grüße " }),
  chunk({ content: "👋 日本語" }),
  chunk({}, "stop", { usage: { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 } }),
]);

describe("Chat Completions upstream → Responses client", () => {
  test("translates Copilot reasoning and text into reasoning and message items, however the bytes are split", () => {
    const whole = translateChatToResponses(chatStream("thinking-then-text"), Number.POSITIVE_INFINITY);
    for (const size of [1, 3, 5, 17]) expect(translateChatToResponses(chatStream("thinking-then-text"), size)).toBe(whole);
    expect(responsesTranscript(whole)).toEqual([
      "response.created in_progress",
      "response.in_progress in_progress",
      'added 0 reasoning ""',
      "summary added 0",
      'summary 0 "The user greets me. "',
      'summary 0 "I should greet back."',
      'summary text done 0 "The user greets me. I should greet back."',
      'summary done 0 "The user greets me. I should greet back."',
      'done 0 reasoning "The user greets me. I should greet back." encrypted=sig-EqQBCkYIBRgCKkB',
      'added 1 message in_progress ""',
      "part added 1",
      'text 1 "Hi there!"',
      'text done 1 "Hi there!"',
      'part done 1 "Hi there!"',
      'done 1 message completed "Hi there!"',
      `response.completed completed ${JSON.stringify({
        input_tokens: 300,
        input_tokens_details: { cached_tokens: 200, cache_write_tokens: 0 },
        output_tokens: 25,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 325,
      })}`,
    ]);
    expect(streamProblems(whole)).toEqual([]);
  });

  test("keeps multi-byte characters whole when the upstream bytes split inside them", () => {
    const whole = translateChatToResponses(multiByte, Number.POSITIVE_INFINITY);
    for (const size of [1, 2, 3, 4, 5, 6, 7]) expect(translateChatToResponses(multiByte, size)).toBe(whole);
    expect(responsesTranscript(whole)).toContain('text done 0 "Grüße 👋 日本語"');
  });

  test("translates interleaved parallel tool calls into two function_call items", () => {
    const text = translateChatToResponses(chatStream("parallel-tool-calls-interleaved"), 4);
    expect(responsesTranscript(text).filter((line) => line.startsWith("done"))).toEqual([
      'done 0 function_call completed call_A Glob {"pattern": "*.ts"}',
      'done 1 function_call completed call_B Grep {"query": "TODO"}',
    ]);
    expect(streamProblems(text)).toEqual([]);
  });
});

/**
 * The official openai SDK reads the encoder's output from a loopback server: its stream accumulator rejects events
 * out of order (a delta before its item, a missing response.created), so a final response proves the shape.
 */
describe("the openai SDK accepts the translated answers", () => {
  let server: ReturnType<typeof Bun.serve>;
  let nextBody = "";
  let nextType = "text/event-stream";
  let client: OpenAI;

  beforeAll(() => {
    server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response(nextBody, { headers: { "content-type": nextType } }) });
    client = new OpenAI({ apiKey: "test-key", baseURL: `http://127.0.0.1:${server.port}/v1`, maxRetries: 0 });
  });
  afterAll(() => server.stop(true));

  test("assembles reasoning, text and usage from a translated stream", async () => {
    nextBody = translateChatToResponses(chatStream("thinking-then-text"), 3);
    nextType = "text/event-stream";
    const response = await client.responses.stream({ model: "gpt-5-codex", input: "hi" }).finalResponse();
    expect(response.status).toBe("completed");
    expect(response.output_text).toBe("Hi there!");
    expect(response.output[0]).toMatchObject({ type: "reasoning", encrypted_content: "sig-EqQBCkYIBRgCKkB" });
    expect(response.usage).toMatchObject({ input_tokens: 300, output_tokens: 25, input_tokens_details: { cached_tokens: 200 } });
  });

  test("assembles two parallel function calls from a translated stream", async () => {
    nextBody = translateChatToResponses(chatStream("parallel-tool-calls-interleaved"), 5);
    const response = await client.responses.stream({ model: "gpt-5-codex", input: "find" }).finalResponse();
    expect(response.output.map((item) => (item.type === "function_call" ? [item.call_id, JSON.parse(item.arguments)] : item.type))).toEqual([
      ["call_A", { pattern: "*.ts" }],
      ["call_B", { query: "TODO" }],
    ]);
  });

  test("reads a non-streamed translated answer", async () => {
    nextType = "application/json";
    nextBody = JSON.stringify(
      encodeResponsesResult(
        { id: "chatcmpl-1", model: "gpt-4.1", content: [{ type: "text", text: "Hello!" }], finishReason: "stop", usage: { inputTokens: 3, outputTokens: 2 } },
        encodeContext(),
      ),
    );
    const response = await client.responses.create({ model: "gpt-5-codex", input: "hi" });
    expect(response.output_text).toBe("Hello!");
    expect(response.usage?.total_tokens).toBe(5);
  });
});
