import { afterEach, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { type HarnessOptions, type RelayHarness, startRelay } from "../support/relay-harness.ts";

let relay: RelayHarness | undefined;
afterEach(async () => {
  await relay?.stop();
  relay = undefined;
});

const start = async (options: HarnessOptions = {}) => {
  relay = await startRelay({ ...options, flags: { retries: 2, retryBaseDelay: 0.01, ...options.flags } });
  return relay;
};
const chat = (model = "gpt-4.1", content = "hi", stream = false) => JSON.stringify({ model, messages: [{ role: "user", content }], stream });
const post = (harness: RelayHarness, body: string, path = "/v1/chat/completions") =>
  fetch(`${harness.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
const chatRequests = (harness: RelayHarness) => harness.fake.find("/copilot/chat/completions");
const accessLines = (harness: RelayHarness) => harness.logs.filter((line) => line.type === "access").map((line) => line.text);

describe("retries before the first byte", () => {
  test("a 500 then a success: the client gets the success; the log says one retry", async () => {
    const harness = await start();
    harness.fake.inject({ path: "/copilot/chat/completions", status: 500, body: { error: { message: "boom" } } });
    const response = await post(harness, chat());
    expect(response.status).toBe(200);
    expect(((await response.json()) as { choices: unknown[] }).choices).toHaveLength(1);
    expect(chatRequests(harness)).toHaveLength(2);
    for (let attempt = 0; attempt < 50 && accessLines(harness).length === 0; attempt++) await Bun.sleep(10);
    expect(accessLines(harness)[0]).toContain("retries=1");
  });

  test("a 429's retry-after is honoured before the retry", async () => {
    const harness = await start();
    harness.fake.inject({ path: "/copilot/chat/completions", status: 429, headers: { "retry-after": "1" }, body: { error: { message: "slow down" } } });
    const response = await post(harness, chat());
    expect(response.status).toBe(200);
    const [first, second] = chatRequests(harness);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  test("retries run out: the last upstream error reaches the client with its status and message", async () => {
    const harness = await start();
    harness.fake.inject({ path: "/copilot/chat/completions", status: 503, body: "overloaded", times: 5 });
    const response = await post(harness, chat());
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe("overloaded");
    expect(chatRequests(harness)).toHaveLength(3);
  });

  test("client errors are not retried", async () => {
    const harness = await start();
    harness.fake.inject({ path: "/copilot/chat/completions", status: 400, body: { error: { message: "bad" } } });
    expect((await post(harness, chat())).status).toBe(400);
    expect(chatRequests(harness)).toHaveLength(1);
  });

  test("nothing is retried once a byte reached the client: a stream that breaks ends with an error event", async () => {
    const harness = await start();
    const response = await post(harness, chat("gpt-4.1", "[[midstream-error]]", true));
    const text = await response.text();
    expect(text).toContain('"error"');
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(chatRequests(harness)).toHaveLength(1);
  });
});

describe("cooldowns and fallbacks", () => {
  const withFallback = () =>
    start({ configFile: { fallbacks: { "gpt-4.1": ["gpt-5-mini"], "claude-sonnet-4.5": ["claude-haiku-4.5"] } } });

  test("a 429 cools the model down; its fallback answers and says so; a reset ends the cooldown", async () => {
    const harness = await withFallback();
    harness.fake.inject({ path: "/copilot/chat/completions", status: 429, headers: { "retry-after": "60" }, body: { error: { message: "rate limited" } } });
    const response = await post(harness, chat());
    expect(response.status).toBe(200);
    expect(response.headers.get("x-copilot-relay-model")).toBe("gpt-5-mini");
    expect(((await response.json()) as { model: string }).model).toBe("gpt-5-mini");
    expect(chatRequests(harness).map((request) => (request.json as { model: string }).model)).toEqual(["gpt-4.1", "gpt-5-mini"]);

    // While gpt-4.1 cools down, requests for it go straight to the fallback.
    await post(harness, chat());
    expect((chatRequests(harness).at(-1)?.json as { model: string }).model).toBe("gpt-5-mini");
    const ready = (await (await fetch(`${harness.url}/readyz`)).json()) as { cooldowns: { model: string; remainingMs: number }[] };
    expect(ready.cooldowns.map((entry) => entry.model)).toEqual(["gpt-4.1"]);
    expect(ready.cooldowns[0]?.remainingMs).toBeGreaterThan(50_000);

    const reset = await fetch(`${harness.url}/admin/cooldowns/reset`, { method: "POST" });
    expect(await reset.json()).toEqual({ cleared: ["gpt-4.1"] });
    await post(harness, chat());
    expect((chatRequests(harness).at(-1)?.json as { model: string }).model).toBe("gpt-4.1");
  });

  test("a translated answer from a fallback carries the fallback's id", async () => {
    const harness = await withFallback();
    harness.fake.inject({ path: "/copilot/chat/completions", status: 429, body: { error: { message: "busy" } } });
    const client = new Anthropic({ baseURL: harness.url, apiKey: "unused", maxRetries: 0 });
    // gpt-4.1 speaks no Messages: the Anthropic request is translated to chat, for it and for its fallback.
    const message = await client.messages.create({ model: "gpt-4.1", max_tokens: 100, messages: [{ role: "user", content: "hi" }] });
    expect(message.model).toBe("gpt-5-mini");
    expect(chatRequests(harness).map((request) => (request.json as { model: string }).model)).toEqual(["gpt-4.1", "gpt-5-mini"]);
  });

  test("a native pass-through falls back too", async () => {
    const harness = await withFallback();
    harness.fake.inject({ path: "/copilot/v1/messages", status: 429, body: { type: "error", error: { type: "rate_limit_error", message: "busy" } } });
    const client = new Anthropic({ baseURL: harness.url, apiKey: "unused", maxRetries: 0 });
    const message = await client.messages.create({ model: "claude-sonnet-4.5", max_tokens: 100, messages: [{ role: "user", content: "hi" }] });
    expect(message.model).toBe("claude-haiku-4.5");
    expect(harness.fake.find("/copilot/v1/messages").map((request) => (request.json as { model: string }).model)).toEqual(["claude-sonnet-4.5", "claude-haiku-4.5"]);
  });

  test("without a fallback, a cooling model is still tried (the cooldown only steers to alternatives)", async () => {
    const harness = await start();
    harness.fake.inject({ path: "/copilot/chat/completions", status: 429, headers: { "retry-after": "0" }, body: { error: { message: "x" } } });
    const client = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: "unused", maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] });
    expect(completion.model).toBe("gpt-4.1");
  });
});

describe("timeouts", () => {
  test("a streamed request whose upstream does not start answering in time is a 504 in the caller's dialect", async () => {
    const harness = await start({ flags: { connectTimeout: 0.3, retries: 0 } });
    const response = await post(harness, chat("gpt-4.1", "[[wait:3000]] hi", true), "/v1/chat/completions");
    expect(response.status).toBe(504);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("upstream_timeout");
  });

  test("a stream that goes quiet ends with the dialect's error event, and the upstream is cancelled", async () => {
    const harness = await start({ flags: { streamIdleTimeout: 0.3 } });
    const openai = await (await post(harness, chat("gpt-4.1", "[[chunks:3]] [[pace:1500]]", true))).text();
    expect(openai).toContain("--stream-idle-timeout");
    expect(openai.endsWith("data: [DONE]\n\n")).toBe(true);
    const anthropic = await (
      await post(harness, JSON.stringify({ model: "claude-sonnet-4.5", max_tokens: 50, stream: true, messages: [{ role: "user", content: "[[chunks:3]] [[pace:1500]]" }] }), "/v1/messages")
    ).text();
    expect(anthropic).toMatch(/event: error\ndata: .*stream-idle-timeout/);
    const translated = await (await post(harness, JSON.stringify({ model: "gemini-2.5-pro", input: "[[chunks:3]] [[pace:1500]]", stream: true }), "/v1/responses")).text();
    expect(translated).toContain("response.failed");
    for (let attempt = 0; attempt < 100 && harness.fake.cancelledStreams < 3; attempt++) await Bun.sleep(20);
    expect(harness.fake.cancelledStreams).toBe(3);
  });
});

describe("upstream faults through the relay end well-formed", () => {
  test("a connection reset before headers is retried; resets every time end in a 502 in the caller's dialect", async () => {
    const harness = await start();
    harness.fake.inject({ path: "/copilot/chat/completions", kind: "reset-before-headers" });
    expect((await post(harness, chat())).status).toBe(200);
    expect(chatRequests(harness)).toHaveLength(2);
    harness.fake.inject({ path: "/copilot/v1/messages", kind: "reset-before-headers", times: 5 });
    const failed = await post(harness, JSON.stringify({ model: "claude-sonnet-4.5", max_tokens: 20, messages: [{ role: "user", content: "hi" }] }), "/v1/messages");
    expect(failed.status).toBe(502);
    expect(await failed.json()).toMatchObject({ type: "error", error: { type: "api_error" } });
  });

  test("a reset mid-stream is not retried: the stream ends with the dialect's error event", async () => {
    const harness = await start();
    harness.fake.inject({ path: "/copilot/responses", kind: "reset-mid-stream", events: 4 });
    const text = await (await post(harness, JSON.stringify({ model: "gpt-4.1", input: "hi", stream: true }), "/v1/responses")).text();
    expect(text).toContain("response.failed");
    expect(harness.fake.find("/copilot/responses")).toHaveLength(1);
  });

  test("a stalled stream is ended by the idle timeout and the upstream cancelled", async () => {
    const harness = await start({ flags: { streamIdleTimeout: 0.3 } });
    harness.fake.inject({ path: "/copilot/chat/completions", kind: "stall", events: 2 });
    const text = await (await post(harness, chat("gpt-4.1", "hi", true))).text();
    expect(text).toContain("--stream-idle-timeout");
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    for (let attempt = 0; attempt < 100 && harness.fake.cancelledStreams === 0; attempt++) await Bun.sleep(20);
    expect(harness.fake.cancelledStreams).toBe(1);
  });

  test("a slow drip within the idle timeout arrives whole", async () => {
    const harness = await start({ flags: { streamIdleTimeout: 1 } });
    harness.fake.inject({ path: "/copilot/chat/completions", kind: "drip", intervalMs: 150 });
    const text = await (await post(harness, chat("gpt-4.1", "hi", true))).text();
    expect(text).not.toContain('"error"');
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  test("a very large answer passes through intact, streamed and not", async () => {
    const harness = await start();
    harness.fake.inject({ path: "/copilot/chat/completions", kind: "huge", bytes: 8_000_000 });
    const whole = (await (await post(harness, chat())).json()) as { choices: { message: { content: string } }[] };
    expect(whole.choices[0]?.message.content.length).toBe(8_000_000);
    harness.fake.inject({ path: "/copilot/chat/completions", kind: "huge", bytes: 4_000_000 });
    const streamed = await (await post(harness, chat("gpt-4.1", "hi", true))).text();
    let length = 0;
    for (const line of streamed.split("\n")) {
      if (!line.startsWith("data: {")) continue;
      const chunk = JSON.parse(line.slice(6)) as { choices: { delta: { content?: string } }[] };
      length += chunk.choices[0]?.delta.content?.length ?? 0;
    }
    expect(length).toBe(4_000_000);
  });
});
