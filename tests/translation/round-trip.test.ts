import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import OpenAI from "openai";
import {
  createMessagesStreamDecoder,
  createMessagesStreamEncoder,
  decodeMessagesRequest,
  encodeMessagesRequest,
  type MessagesRequest,
} from "../../src/protocols/anthropic-messages/index.ts";
import type { WireOptions } from "../../src/protocols/dialect.ts";
import {
  type ChatCompletionRequest,
  createChatStreamDecoder,
  createChatStreamEncoder,
  decodeChatRequest,
  encodeChatRequest,
} from "../../src/protocols/openai-chat/index.ts";
import { chatSseBody, loadFixture, parseAnthropicSse } from "./helpers.ts";
import { assembleChatStream, encodeContext, messagesSseBody, parseChatSse, pipeStream } from "./hub-helpers.ts";

/**
 * Every pair goes through the hub with the same generic pipe: a wire's decoder and a client's encoder, chosen
 * independently. Nothing here (or in src/) is written for a particular pair.
 */
const claudeWire: WireOptions = { useMaxCompletionTokens: false, reasoningEffort: false, thinkingBudget: { min: 1024, max: 32000 } };
const messagesFixture = () => messagesSseBody(loadFixture<{ type: string }[]>("messages-streams/thinking-text-tools.json"));
const messagesToChat = (pieceSize?: number) =>
  pipeStream(messagesFixture(), createMessagesStreamDecoder(), createChatStreamEncoder(encodeContext({ requestedModel: "claude-sonnet-4-5" })), pieceSize);

describe("Anthropic Messages upstream → Chat Completions client", () => {
  const expected = {
    content: "Héllo 👋 — 你好! Let me look.",
    reasoningText: "The user wrote héllo 👋; list the files.",
    reasoningOpaque: "EqQBCkYIBRgCKkB-sig",
    toolCalls: [
      { id: "toolu_01Glob", name: "Glob", arguments: '{"pattern": "*.ts"}' },
      { id: "toolu_02Grep", name: "Grep", arguments: '{"query": "TODO ✓"}' },
    ],
    finishReason: "tool_calls",
    usage: {
      prompt_tokens: 2420,
      completion_tokens: 87,
      total_tokens: 2507,
      prompt_tokens_details: { cached_tokens: 2000 },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
  };

  test("carries thinking (with its signature), text, tool_use blocks and usage into Chat deltas", () => {
    expect(assembleChatStream(parseChatSse(messagesToChat()))).toEqual(expected);
  });

  test("gives the same stream when upstream bytes split multi-byte characters anywhere", () => {
    const whole = messagesToChat();
    for (const size of [1, 2, 3, 5, 7, 13]) expect(messagesToChat(size)).toBe(whole);
  });

  describe("read by the openai SDK", () => {
    let server: ReturnType<typeof Bun.serve>;
    let client: OpenAI;
    beforeAll(() => {
      server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response(messagesToChat(3), { headers: { "content-type": "text/event-stream" } }) });
      client = new OpenAI({ apiKey: "test-key", baseURL: `http://127.0.0.1:${server.port}/v1`, maxRetries: 0 });
    });
    afterAll(() => server.stop(true));

    test("assembles the text, both tool calls and the usage", async () => {
      const chunks: unknown[] = [];
      const stream = client.chat.completions.stream({ model: "claude-sonnet-4-5", messages: [{ role: "user", content: "hi" }] });
      stream.on("chunk", (chunk) => chunks.push(chunk));
      const completion = await stream.finalChatCompletion();
      expect(completion.choices[0]?.message.content).toBe(expected.content);
      expect(completion.choices[0]?.message.tool_calls?.map((call) => (call.type === "function" ? call.function.arguments : ""))).toEqual([
        '{"pattern": "*.ts"}',
        '{"query": "TODO ✓"}',
      ]);
      expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
      expect(completion.usage).toEqual(expected.usage);
      // The SDK keeps unknown delta fields but does not concatenate them; the chunks carry the whole reasoning.
      expect(assembleChatStream(chunks).reasoningText).toBe(expected.reasoningText);
    });
  });
});

describe("Chat Completions upstream → Chat Completions client", () => {
  for (const name of ["text", "thinking-then-text", "single-tool-call", "parallel-tool-calls-interleaved", "usage-after-finish"]) {
    test(`re-encodes the ${name} stream into an equivalent one`, () => {
      const chunks = loadFixture<unknown[]>(`streams/${name}.json`);
      const original = assembleChatStream(chunks);
      const reencoded = assembleChatStream(parseChatSse(pipeStream(chatSseBody(chunks), createChatStreamDecoder(), createChatStreamEncoder(encodeContext()), 5)));
      const { usage, ...rest } = original;
      expect(reencoded).toMatchObject(rest);
      expect(reencoded.usage).toMatchObject(usage as object);
    });
  }
});

describe("Anthropic Messages upstream → Anthropic Messages client", () => {
  test("reproduces the upstream's blocks, deltas and stop reason", () => {
    const events = loadFixture<{ type: string }[]>("messages-streams/thinking-text-tools.json");
    const encoder = createMessagesStreamEncoder({ model: "claude-sonnet-4-5" });
    const out = parseAnthropicSse(pipeStream(messagesSseBody(events), createMessagesStreamDecoder(), encoder, 4)).map((event) => event.data);
    const shape = (event: any) => [event.type, event.index, event.content_block?.type, event.delta?.type, event.delta?.stop_reason];
    // Empty input_json deltas and pings carry nothing and are not repeated.
    const meaningful = events.filter((event: any) => event.type !== "ping" && event.delta?.partial_json !== "");
    expect(out.map(shape)).toEqual(meaningful.map(shape));
    expect(out[0]?.message.usage).toEqual({ input_tokens: 120, output_tokens: 0, cache_read_input_tokens: 2000, cache_creation_input_tokens: 300 });
  });
});

describe("requests through the hub", () => {
  const claudeCode = () => loadFixture<MessagesRequest>("claude-code-request.json");

  test("a Claude Code body → Chat → hub → Messages keeps the system text, images, tools and the tool round trip", () => {
    const chatBody = encodeChatRequest(decodeMessagesRequest(claudeCode()), claudeWire);
    const messagesBody = encodeMessagesRequest(decodeChatRequest(chatBody as ChatCompletionRequest), claudeWire);
    expect(messagesBody.system).toEqual([
      {
        type: "text",
        text: "You are Claude Code, Anthropic's official CLI for Claude.\n\nYou are an interactive agent that helps users with software engineering tasks.",
      },
      { type: "text", text: "Output style: concise." },
    ]);
    const messages = messagesBody.messages as { role: string; content: Record<string, unknown>[] }[];
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[0]?.content[1]).toEqual({ type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } });
    expect(messages[1]?.content).toEqual([
      // Chat carries one signature per turn: the visible thinking's survives, the redacted block's cannot.
      { type: "thinking", thinking: "I should list the directory.", signature: "sig-thinking-1" },
      { type: "text", text: "Let me check." },
      { type: "tool_use", id: "toolu_ls", name: "Bash", input: { command: "ls /tmp" } },
      { type: "tool_use", id: "toolu_shot", name: "Screenshot", input: {} },
    ]);
    expect(messages[2]?.content).toEqual([
      { type: "tool_result", tool_use_id: "toolu_ls", content: [{ type: "text", text: "Error: ls: cannot access '/tmp': Permission denied" }] },
      { type: "tool_result", tool_use_id: "toolu_shot", content: [{ type: "text", text: "Screenshot taken" }] },
      { type: "text", text: "Images returned by tool toolu_shot:" },
      { type: "image", source: { type: "url", url: "https://example.com/shot.png" } },
      { type: "text", text: "<system-reminder>The todo list is empty.</system-reminder>" },
    ]);
    expect((messagesBody.tools as { name: string }[]).map((tool) => tool.name)).toEqual(["Bash", "Screenshot"]);
    expect(messagesBody).toMatchObject({ max_tokens: 32000, thinking: { type: "enabled", budget_tokens: 10000 }, tool_choice: { type: "auto", disable_parallel_tool_use: true } });
  });

  test("a Chat body → hub → Messages → hub → Chat gives the same Chat messages, tools and settings back", () => {
    const chat = {
      model: "claude-sonnet-4.5",
      messages: [
        { role: "system", content: "Be brief." },
        {
          role: "user",
          content: [
            { type: "text", text: "What is in this picture?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          ],
        },
        { role: "assistant", content: null, reasoning_text: "Look.", reasoning_opaque: "sig", tool_calls: [{ id: "call_1", type: "function", function: { name: "Zoom", arguments: '{"factor":2}' } }] },
        { role: "tool", tool_call_id: "call_1", content: "zoomed" },
        { role: "user", content: "So?" },
      ],
      tools: [{ type: "function", function: { name: "Zoom", description: "Zoom in", parameters: { type: "object", properties: { factor: { type: "number" } } } } }],
      tool_choice: "auto",
      max_tokens: 1000,
      temperature: 0.5,
      stop: ["END"],
      stream: true,
    };
    const messagesBody = encodeMessagesRequest(decodeChatRequest(chat as ChatCompletionRequest), claudeWire);
    const back = encodeChatRequest(decodeMessagesRequest(messagesBody as MessagesRequest), { useMaxCompletionTokens: false, reasoningEffort: false });
    expect(back).toEqual({ ...chat, stream_options: { include_usage: true } });
  });
});
