import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import Anthropic, { APIError } from "@anthropic-ai/sdk";
import type { HubStreamPart } from "../../src/core/hub/index.ts";
import { createMessagesStreamEncoder } from "../../src/protocols/anthropic-messages/index.ts";
import { chatSseBody, loadFixture, translateChatStream } from "./helpers.ts";

/**
 * Proves the encoder's event sequences are well-formed for a real client: the official Anthropic SDK's stream
 * accumulator reads them from a loopback server and must assemble the expected final message.
 */
let server: ReturnType<typeof Bun.serve>;
let nextBody = "";
let client: Anthropic;

beforeAll(() => {
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () => new Response(nextBody, { headers: { "content-type": "text/event-stream" } }),
  });
  client = new Anthropic({ apiKey: "test-key", baseURL: `http://127.0.0.1:${server.port}`, maxRetries: 0 });
});
afterAll(() => server.stop(true));

async function finalMessage(sse: string) {
  nextBody = sse;
  return client.messages.stream({ model: "claude-sonnet-4-6", max_tokens: 1024, messages: [{ role: "user", content: "hi" }] }).finalMessage();
}

const fromFixture = (name: string) => translateChatStream(chatSseBody(loadFixture<unknown[]>(`streams/${name}.json`)), 7, 42);

describe("the Anthropic SDK accepts the translated streams", () => {
  test("assembles a signed thinking block and the text, with Anthropic usage", async () => {
    const message = await finalMessage(fromFixture("thinking-then-text"));
    expect(message.content).toEqual([
      { type: "thinking", thinking: "The user greets me. I should greet back.", signature: "sig-EqQBCkYIBRgCKkB" },
      { type: "text", text: "Hi there!" },
    ] as never);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.model).toBe("claude-sonnet-4-5");
    expect(message.usage).toMatchObject({ input_tokens: 100, output_tokens: 25, cache_read_input_tokens: 200 });
  });

  test("parses tool_use input streamed in pieces", async () => {
    const message = await finalMessage(fromFixture("single-tool-call"));
    expect(message.stop_reason).toBe("tool_use");
    expect(message.content[1]).toEqual({ type: "tool_use", id: "toolu_01", name: "Read", input: { file_path: "/tmp/a.txt" } } as never);
  });

  test("parses both of two interleaved parallel tool calls", async () => {
    const message = await finalMessage(fromFixture("parallel-tool-calls-interleaved"));
    expect(message.content).toEqual([
      { type: "tool_use", id: "call_A", name: "Glob", input: { pattern: "*.ts" } },
      { type: "tool_use", id: "call_B", name: "Grep", input: { query: "TODO" } },
    ] as never);
  });

  test("keeps message_start's estimate when the upstream never reports usage", async () => {
    const message = await finalMessage(fromFixture("no-finish"));
    expect(message.content.map((block) => block.type)).toEqual(["thinking", "text"]);
    expect(message.usage.input_tokens).toBe(42);
  });

  test("raises the upstream error mid-stream as an APIError", async () => {
    const failure = await finalMessage(fromFixture("error-mid-stream")).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIError);
    expect((failure as APIError).error).toEqual({ type: "error", error: { type: "api_error", message: "upstream connection reset" } });
  });

  test("assembles redacted thinking and blocks whose hub parts interleave with a thinking block", async () => {
    const encoder = createMessagesStreamEncoder({ model: "claude-sonnet-4-5" });
    const parts: HubStreamPart[] = [
      { type: "message-start", id: "msg_1", model: "claude-sonnet-4.5" },
      { type: "reasoning-start", id: "r", redacted: true },
      { type: "reasoning-signature", id: "r", signature: "opaque-blob" },
      { type: "reasoning-end", id: "r" },
      { type: "reasoning-start", id: "t" },
      { type: "text-start", id: "x" },
      { type: "text-delta", id: "x", delta: "answer" },
      { type: "reasoning-delta", id: "t", delta: "thought" },
      { type: "reasoning-signature", id: "t", signature: "sig" },
      { type: "reasoning-end", id: "t" },
      { type: "text-end", id: "x" },
      { type: "message-end", finishReason: "stop", usage: { inputTokens: 10, outputTokens: 3 } },
    ];
    const message = await finalMessage(parts.map((part) => encoder.push(part)).join("") + encoder.flush());
    expect(message.content).toEqual([
      { type: "redacted_thinking", data: "opaque-blob" },
      { type: "thinking", thinking: "thought", signature: "sig" },
      { type: "text", text: "answer" },
    ] as never);
    expect(message.id).toBe("msg_1");
  });
});
