import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

let relay: RelayHarness;
let client: Anthropic;
const MODEL = "claude-sonnet-4-5-20250929"; // Claude Code's spelling; Copilot serves claude-sonnet-4.5 natively

beforeAll(async () => {
  relay = await startRelay();
  client = new Anthropic({ baseURL: relay.url, apiKey: "unused", maxRetries: 0 });
});
afterAll(() => relay.stop());
beforeEach(() => {
  relay.fake.reset();
  relay.logs.length = 0;
});

const upstream = () => relay.fake.find("/copilot/v1/messages");
const bashTool = {
  name: "bash",
  description: "Run a shell command",
  input_schema: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { command: { type: "string" } }, required: ["command"] },
} as Anthropic.Tool;

describe("Anthropic Messages, native pass-through for Claude models", () => {
  test("the body goes upstream as sent except the model id; the answer comes back unchanged", async () => {
    const message = await client.messages.create({ model: MODEL, max_tokens: 100, system: "Be brief.", messages: [{ role: "user", content: "hi" }], metadata: { user_id: "u-1" } });
    expect(message.content as unknown[]).toEqual([{ type: "text", text: "Hello from claude-sonnet-4.5! héllo 👋 — 你好" }]);
    const [sent] = upstream();
    expect(sent?.json).toEqual({ model: "claude-sonnet-4.5", max_tokens: 100, system: "Be brief.", messages: [{ role: "user", content: "hi" }], metadata: { user_id: "u-1" } });
    expect(sent?.headers).toMatchObject({ "anthropic-version": "2023-06-01", "x-initiator": "user" });
    expect(relay.fake.find("/copilot/chat/completions")).toHaveLength(0);
  });

  test("an exact Copilot id is forwarded byte for byte", async () => {
    const raw = '{"model":"claude-sonnet-4.5","max_tokens":100,   "messages":[{"role":"user","content":"hi"}]}';
    const response = await fetch(`${relay.url}/v1/messages?beta=true`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": "k" }, body: raw });
    expect(response.status).toBe(200);
    expect(upstream()[0]?.body).toBe(raw);
  });

  test("streams byte for byte, without Copilot's trailing [DONE]", async () => {
    const body = JSON.stringify({ model: "claude-sonnet-4.5", max_tokens: 100, stream: true, messages: [{ role: "user", content: "[[chunks:3]]" }] });
    const relayed = await (await fetch(`${relay.url}/v1/messages?beta=true`, { method: "POST", body })).text();
    const direct = await (
      await fetch(`${relay.fake.copilotUrl}/v1/messages`, { method: "POST", headers: { authorization: upstream()[0]!.headers.authorization!, "content-type": "application/json" }, body })
    ).text();
    expect(direct).toEndWith("data: [DONE]\n\n");
    expect(relayed).not.toContain("[DONE]");
    const normalise = (text: string) => text.replace(/msg_fake_\d+/g, "msg");
    expect(normalise(relayed)).toBe(normalise(direct.slice(0, -"data: [DONE]\n\n".length)));
  });

  test("the SDK's stream accumulator gets text, thinking and a tool call", async () => {
    const message = await client.messages
      .stream({ model: MODEL, max_tokens: 1000, thinking: { type: "enabled", budget_tokens: 500 }, tools: [bashTool], messages: [{ role: "user", content: "[[reasoning]] [[tool]]" }] })
      .finalMessage();
    expect(message.content[0]?.type).toBe("thinking");
    expect((message.content[0] as Anthropic.ThinkingBlock).signature).toBeTruthy();
    const toolUse = message.content.find((block) => block.type === "tool_use") as Anthropic.ToolUseBlock;
    expect(toolUse.input).toEqual({ command: "echo hi" });
    expect(message.stop_reason).toBe("tool_use");
    // Tool schemas pass through natively, $schema included (Copilot's Claude endpoint takes them).
    expect(JSON.stringify(upstream()[0]?.json)).toContain("$schema");
  });

  test("a tool round trip: the tool_result turn is an agent turn", async () => {
    const messages: Anthropic.MessageParam[] = [{ role: "user", content: "[[tool]]" }];
    const first = await client.messages.create({ model: MODEL, max_tokens: 100, tools: [bashTool], messages });
    const toolUse = first.content.find((block) => block.type === "tool_use") as Anthropic.ToolUseBlock;
    messages.push({ role: "assistant", content: first.content }, { role: "user", content: [{ type: "tool_result", tool_use_id: toolUse.id, content: "hi" }] });
    const second = await client.messages.create({ model: MODEL, max_tokens: 100, tools: [bashTool], messages });
    expect(second.content as unknown[]).toEqual([{ type: "text", text: "Tool said: hi" }]);
    expect(upstream().map((request) => request.headers["x-initiator"])).toEqual(["user", "agent"]);
    expect(relay.logs.filter((line) => line.type === "access").map((line) => /initiator=(\w+)/.exec(line.text)?.[1])).toEqual(["user", "agent"]);
  });

  test("an image sets the vision header", async () => {
    await client.messages.create({
      model: MODEL,
      max_tokens: 50,
      messages: [{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } }, { type: "text", text: "what?" }] }],
    });
    expect(upstream()[0]?.headers["copilot-vision-request"]).toBe("true");
  });

  test("betas are filtered to what Copilot accepts; fields it rejects are removed", async () => {
    const body = {
      model: MODEL,
      max_tokens: 50,
      system: [{ type: "text", text: "sys", cache_control: { type: "ephemeral", ttl: "1h", scope: "global" } }],
      tools: [{ ...bashTool, strict: true }, { type: "web_search_20250305", name: "web_search" }],
      messages: [{ role: "user", content: "hi" }],
    };
    const response = await fetch(`${relay.url}/v1/messages?beta=true`, {
      method: "POST",
      headers: { "anthropic-beta": "claude-code-20250219,interleaved-thinking-2025-05-14,context-1m-2025-08-07,context-management-2025-06-27", "anthropic-version": "2023-06-01" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    const [sent] = upstream();
    expect(sent?.headers["anthropic-beta"]).toBe("interleaved-thinking-2025-05-14,context-management-2025-06-27");
    const json = sent?.json as { system: { cache_control: unknown }[]; tools: Record<string, unknown>[] };
    expect(json.system[0]?.cache_control).toEqual({ type: "ephemeral" });
    expect(json.tools).toHaveLength(1);
    expect(json.tools[0]?.strict).toBeUndefined();
  });

  test("prompt-too-long becomes an invalid_request_error starting 'prompt is too long'", async () => {
    const error = (await client.messages.create({ model: MODEL, max_tokens: 50, messages: [{ role: "user", content: "[[too-long]]" }] }).catch((caught: unknown) => caught)) as InstanceType<typeof Anthropic.BadRequestError>;
    expect(error.status).toBe(400);
    const body = error.error as { type: string; error: { type: string; message: string } };
    expect(body.type).toBe("error");
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toStartWith("prompt is too long");
  });

  test("a mid-stream failure ends with an error event; a client that leaves aborts the upstream", async () => {
    const broken = client.messages.stream({ model: MODEL, max_tokens: 50, messages: [{ role: "user", content: "[[midstream-error]]" }] });
    await expect(broken.finalMessage()).rejects.toThrow(/upstream stream failed/i);

    const controller = new AbortController();
    const slow = client.messages.stream({ model: MODEL, max_tokens: 50, messages: [{ role: "user", content: "[[slow]]" }] }, { signal: controller.signal });
    let deltas = 0;
    slow.on("text", () => {
      if (++deltas === 3) controller.abort();
    });
    await slow.finalMessage().catch(() => {});
    for (let attempt = 0; attempt < 100 && relay.fake.cancelledStreams === 0; attempt++) await Bun.sleep(20);
    expect(relay.fake.cancelledStreams).toBe(1);
  });

  test("family aliases and config-free normalisation reach the newest model", async () => {
    await client.messages.create({ model: "opus", max_tokens: 5, messages: [{ role: "user", content: "hi" }] });
    await client.messages.create({ model: "claude-haiku-4-5", max_tokens: 5, messages: [{ role: "user", content: "hi" }] });
    expect(upstream().map((request) => (request.json as { model: string }).model)).toEqual(["claude-opus-4.6", "claude-haiku-4.5"]);
  });
});

describe("usage observed on the native fast path", () => {
  test("input tokens from message_start and output tokens from the last message_delta reach the log line", async () => {
    relay.logs.length = 0;
    await client.messages.stream({ model: MODEL, max_tokens: 100, messages: [{ role: "user", content: "[[chunks:40]]" }] }).finalMessage();
    const line = relay.logs.find((entry) => entry.type === "access")?.text ?? "";
    expect(line).toMatch(/ in=[1-9]\d* out=40 /);
  });
});
