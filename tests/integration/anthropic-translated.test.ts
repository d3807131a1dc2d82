import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

let relay: RelayHarness;
let client: Anthropic;
const MODEL = "gpt-4.1"; // lists /chat/completions but not /v1/messages: translated through the hub

beforeAll(async () => {
  relay = await startRelay();
  client = new Anthropic({ baseURL: relay.url, apiKey: "unused", maxRetries: 0 });
});
afterAll(() => relay.stop());
beforeEach(() => relay.fake.reset());

const upstreamChat = () => relay.fake.find("/copilot/chat/completions");
const bashTool: Anthropic.Tool = {
  name: "bash",
  description: "Run a shell command",
  input_schema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { command: { type: "string" } }, required: ["command"], additionalProperties: false } as Anthropic.Tool.InputSchema,
};

describe("Anthropic Messages translated to Chat Completions", () => {
  test("text, with the system prompt and model carried over", async () => {
    const message = await client.messages.create({ model: MODEL, max_tokens: 200, system: [{ type: "text", text: "Be brief." }], messages: [{ role: "user", content: "hi" }] });
    expect(message.content as unknown[]).toEqual([{ type: "text", text: "Hello from gpt-4.1! héllo 👋 — 你好" }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    const sent = upstreamChat()[0]?.json as { model: string; messages: { role: string; content: unknown }[]; max_tokens: number };
    expect(sent.model).toBe("gpt-4.1");
    expect(sent.max_tokens).toBe(200);
    expect(sent.messages[0]).toEqual({ role: "system", content: "Be brief." });
    expect(upstreamChat()[0]?.headers["x-initiator"]).toBe("user");
  });

  test("streaming text arrives whole, with message_start usage and a stop reason", async () => {
    const stream = client.messages.stream({ model: MODEL, max_tokens: 200, messages: [{ role: "user", content: "hi" }] });
    const events: string[] = [];
    stream.on("streamEvent", (event) => events.push(event.type));
    const message = await stream.finalMessage();
    expect(message.content as unknown[]).toEqual([{ type: "text", text: "Hello from gpt-4.1! héllo 👋 — 你好" }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(events[0]).toBe("message_start");
    expect(events.at(-1)).toBe("message_stop");
    expect(events).toContain("content_block_delta");
    expect((upstreamChat()[0]?.json as { stream_options?: unknown }).stream_options).toEqual({ include_usage: true });
  });

  test("a tool round trip: tool_use with parsed input, then an agent-initiated tool_result turn", async () => {
    const messages: Anthropic.MessageParam[] = [{ role: "user", content: "[[tool]] list files" }];
    const first = await client.messages.stream({ model: MODEL, max_tokens: 200, tools: [bashTool], messages }).finalMessage();
    expect(first.stop_reason).toBe("tool_use");
    const toolUse = first.content.find((block) => block.type === "tool_use") as Anthropic.ToolUseBlock;
    expect(toolUse).toMatchObject({ name: "bash", input: { command: "echo hi" } });
    const sentTools = (upstreamChat()[0]?.json as { tools: { function: { parameters: Record<string, unknown> } }[] }).tools;
    expect(sentTools[0]?.function.parameters.$schema).toBeUndefined();
    expect(sentTools[0]?.function.parameters.properties).toEqual({ command: { type: "string" } });

    messages.push({ role: "assistant", content: first.content }, { role: "user", content: [{ type: "tool_result", tool_use_id: toolUse.id, content: "file.txt" }] });
    const second = await client.messages.create({ model: MODEL, max_tokens: 200, tools: [bashTool], messages });
    expect(second.content as unknown[]).toEqual([{ type: "text", text: "Tool said: file.txt" }]);
    const followUp = upstreamChat()[1];
    expect(followUp?.headers["x-initiator"]).toBe("agent");
    const sentMessages = (followUp?.json as { messages: Record<string, unknown>[] }).messages;
    expect(sentMessages.at(-2)).toMatchObject({ role: "assistant", tool_calls: [{ id: toolUse.id, type: "function", function: { name: "bash" } }] });
    expect(sentMessages.at(-1)).toEqual({ role: "tool", tool_call_id: toolUse.id, content: "file.txt" });
  });

  test("parallel tool calls become two tool_use blocks", async () => {
    const message = await client.messages.stream({ model: MODEL, max_tokens: 200, tools: [bashTool], messages: [{ role: "user", content: "[[tools2]]" }] }).finalMessage();
    const uses = message.content.filter((block) => block.type === "tool_use");
    expect(uses).toHaveLength(2);
    expect(uses.map((block) => (block as Anthropic.ToolUseBlock).input)).toEqual([{ command: "echo hi" }, { command: "echo hi" }]);
  });

  test("reasoning from the upstream becomes a signed thinking block", async () => {
    const message = await client.messages.stream({ model: MODEL, max_tokens: 200, messages: [{ role: "user", content: "[[reasoning]]" }] }).finalMessage();
    expect(message.content[0] as unknown).toEqual({ type: "thinking", thinking: "Let me think.", signature: "opaque-sig" });
    expect(message.content[1]?.type).toBe("text");
  });

  test("an image goes upstream as a data URL with the vision header", async () => {
    await client.messages.create({
      model: MODEL,
      max_tokens: 50,
      messages: [{ role: "user", content: [{ type: "text", text: "what?" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } }] }],
    });
    const sent = upstreamChat()[0];
    expect(sent?.headers["copilot-vision-request"]).toBe("true");
    expect(JSON.stringify(sent?.json)).toContain('"url":"data:image/png;base64,iVBORw0KGgo="');
  });

  test("a compaction turn is sent as an agent turn", async () => {
    await client.messages.create({
      model: MODEL,
      max_tokens: 50,
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: "hello" },
        { role: "user", content: "Your task is to create a detailed summary of the conversation so far, paying close attention to the user's explicit requests." },
      ],
    });
    expect(upstreamChat()[0]?.headers["x-initiator"]).toBe("agent");
    expect(relay.logs.some((line) => line.type === "access" && line.text.includes("initiator=agent"))).toBe(true);
  });

  test("an upstream failure mid-stream ends with an error event the SDK raises", async () => {
    const stream = client.messages.stream({ model: MODEL, max_tokens: 50, messages: [{ role: "user", content: "[[midstream-error]]" }] });
    await expect(stream.finalMessage()).rejects.toThrow(/upstream stream failed/i);
  });
});

describe("Anthropic errors", () => {
  test("validation failures are invalid_request_error 400s", async () => {
    const response = await fetch(`${relay.url}/v1/messages`, { method: "POST", body: JSON.stringify({ model: MODEL, messages: [] }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { type: string; error: { type: string; message: string } };
    expect(body).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    expect(body.error.message).toContain("max_tokens");
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const malformed = await fetch(`${relay.url}/v1/messages`, { method: "POST", body: "{nope" });
    expect(((await malformed.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
  });

  test("an unknown model is a not_found_error naming the available Claude models", async () => {
    const error = (await client.messages.create({ model: "claude-opus-4-7", max_tokens: 5, messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught)) as InstanceType<typeof Anthropic.NotFoundError>;
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect(error.message).toContain("claude-opus-4.6");
    expect(error.message).not.toContain("gpt-4.1");
  });

  test("upstream statuses map to Anthropic types; prompt-too-long says so", async () => {
    relay.fake.inject({ path: "/copilot/chat/completions", status: 429, body: { error: { message: "rate limited", code: "rate_limited" } } });
    const limited = (await client.messages.create({ model: MODEL, max_tokens: 5, messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught)) as InstanceType<typeof Anthropic.RateLimitError>;
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect((limited.error as { error: { type: string } }).error.type).toBe("rate_limit_error");

    relay.fake.inject({ path: "/copilot/chat/completions", status: 400, body: { error: { message: "prompt token count of 210000 exceeds the limit of 200000", code: "model_max_prompt_tokens_exceeded" } } });
    const tooLong = (await client.messages.create({ model: MODEL, max_tokens: 5, messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught)) as InstanceType<typeof Anthropic.BadRequestError>;
    expect(tooLong.status).toBe(400);
    const body = tooLong.error as { error: { type: string; message: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toStartWith("prompt is too long");

    relay.fake.inject({ path: "/copilot/chat/completions", status: 503, body: "busy" });
    const busy = await fetch(`${relay.url}/v1/messages`, { method: "POST", body: JSON.stringify({ model: MODEL, max_tokens: 5, messages: [{ role: "user", content: "hi" }] }) });
    expect(busy.status).toBe(503);
    expect(await busy.json()).toMatchObject({ type: "error", error: { message: "busy" } });
  });
});

describe("count_tokens", () => {
  test("counts locally, with no upstream call", async () => {
    const small = await client.messages.countTokens({ model: "claude-sonnet-4-5-20250929", messages: [{ role: "user", content: "hello world" }] });
    const withTools = await client.messages.countTokens({ model: "claude-sonnet-4-5-20250929", tools: [bashTool], messages: [{ role: "user", content: "hello world" }] });
    expect(small.input_tokens).toBeGreaterThan(0);
    expect(withTools.input_tokens).toBeGreaterThan(small.input_tokens);
    expect(relay.fake.find("/copilot/")).toHaveLength(0);
  });
});

describe("unexpected failures", () => {
  test("are a 500 with the request id and no stack trace, and the relay keeps serving", async () => {
    relay.fake.inject({ path: "/copilot/chat/completions", status: 200, body: "this is not JSON", headers: { "content-type": "application/json" } });
    const response = await fetch(`${relay.url}/v1/messages`, { method: "POST", body: JSON.stringify({ model: MODEL, max_tokens: 5, messages: [{ role: "user", content: "hi" }] }) });
    expect(response.status).toBe(500);
    const requestId = response.headers.get("x-request-id")!;
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ type: "error", error: { type: "api_error" } });
    expect(text).toContain(requestId);
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    const next = await client.messages.create({ model: MODEL, max_tokens: 5, messages: [{ role: "user", content: "hi" }] });
    expect(next.content.length).toBe(1);
  });
});
