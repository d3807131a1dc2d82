import { describe, expect, test } from "bun:test";
import { createMessagesStreamEncoder, decodeMessagesRequest, type MessagesRequest } from "../../src/protocols/anthropic-messages/index.ts";
import type { WireOptions } from "../../src/protocols/dialect.ts";
import { decodeOllamaChatResult, encodeOllamaChatRequest } from "../../src/protocols/ollama/index.ts";
import { encodeChatResult } from "../../src/protocols/openai-chat/index.ts";
import { transcript } from "./helpers.ts";
import { encodeContext } from "./hub-helpers.ts";
import { ollamaStreamFixture, pipeOllamaStream } from "./ollama-wire-helpers.ts";

const ollamaOptions: WireOptions = { useMaxCompletionTokens: false, reasoningEffort: true };

describe("Ollama upstream → Anthropic Messages client", () => {
  test("a streamed answer becomes thinking, text and tool_use blocks with Anthropic's stop reason and usage", () => {
    const encoder = createMessagesStreamEncoder({ model: "claude-sonnet-4-5", estimatedInputTokens: 20 });
    // Three-byte pieces cut through every multi-byte character of the fixture.
    expect(transcript(pipeOllamaStream(ollamaStreamFixture("thinking-text-tool.ndjson"), encoder, 3))).toEqual([
      "message_start input_tokens=20",
      "start 0 thinking",
      'delta 0 thinking "The user greets me "',
      'delta 0 thinking "in Japanese (日本語)."',
      "stop 0",
      "start 1 text",
      'delta 1 text "日本"',
      'delta 1 text "語 👋"',
      "stop 1",
      "start 2 tool_use call_0_t get_weather",
      'delta 2 json {"city":"東京"}',
      "stop 2",
      'message_delta tool_use {"output_tokens":42,"input_tokens":26}',
      "message_stop",
    ]);
  });

  test("the client's next turn goes back to Ollama with the tool result named and paired by the synthesized id", () => {
    const next: MessagesRequest = {
      model: "qwen3:8b",
      max_tokens: 1024,
      system: "You are terse.",
      thinking: { type: "enabled", budget_tokens: 2048 },
      messages: [
        { role: "user", content: "こんにちは" },
        {
          role: "assistant",
          content: [
            // Thinking from Ollama carries no signature; Claude Code sends it back with an empty one.
            { type: "thinking", thinking: "The user greets me in Japanese (日本語).", signature: "" },
            { type: "text", text: "日本語 👋" },
            { type: "tool_use", id: "call_0_t", name: "get_weather", input: { city: "東京" } },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "call_0_t", content: "晴れ" }] },
      ],
      tools: [{ name: "get_weather", description: "Weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }],
      stream: true,
    } as MessagesRequest;
    expect(encodeOllamaChatRequest(decodeMessagesRequest(next), ollamaOptions)).toEqual({
      model: "qwen3:8b",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "こんにちは" },
        {
          role: "assistant",
          content: "日本語 👋",
          thinking: "The user greets me in Japanese (日本語).",
          tool_calls: [{ id: "call_0_t", function: { name: "get_weather", arguments: { city: "東京" } } }],
        },
        { role: "tool", content: "晴れ", tool_name: "get_weather", tool_call_id: "call_0_t" },
      ],
      tools: [{ type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
      think: "low",
      options: { num_predict: 1024 },
      stream: true,
    });
  });
});

describe("Ollama upstream → OpenAI Chat Completions client", () => {
  test("a non-streamed answer becomes a chat.completion with tool calls as JSON text, reasoning and usage", () => {
    const result = decodeOllamaChatResult(
      {
        model: "qwen3:8b",
        created_at: "2026-01-01T00:00:00Z",
        message: {
          role: "assistant",
          content: "Checking 東京 👋",
          thinking: "Need the weather.",
          tool_calls: [{ function: { name: "get_weather", arguments: { city: "東京" } } }],
        },
        done: true,
        done_reason: "stop",
        prompt_eval_count: 169,
        eval_count: 18,
      },
      "t",
    );
    expect(encodeChatResult(result, encodeContext({ requestedModel: "qwen3" }))).toEqual({
      id: expect.stringMatching(/^chatcmpl-[0-9a-f]{32}$/),
      object: "chat.completion",
      created: 1767225600,
      model: "qwen3",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Checking 東京 👋",
            tool_calls: [{ id: "call_0_t", type: "function", function: { name: "get_weather", arguments: '{"city":"東京"}' } }],
            reasoning_text: "Need the weather.",
          },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
      usage: expect.objectContaining({ prompt_tokens: 169, completion_tokens: 18, total_tokens: 187 }),
    });
  });
});
