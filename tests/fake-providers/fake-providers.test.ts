import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import { Ollama } from "ollama";
import OpenAI from "openai";
import { createSelfSignedCert, startFakeAnthropic, startFakeOllama, startFakeOpenAI, type FakeProvider } from "./index";

const TAIL = "héllo wörld 👋 日本語";
const weather = { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } };

/** Reads a raw stream: its network chunks, and whether one ends inside a multi-byte character. */
async function rawChunks(res: Response): Promise<{ text: string; splitsCharacter: boolean }> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  const strict = new TextDecoder("utf-8", { fatal: true });
  const splitsCharacter = chunks.some((c) => {
    try {
      strict.decode(c);
      return false;
    } catch {
      return true;
    }
  });
  return { text: new TextDecoder().decode(Buffer.concat(chunks)), splitsCharacter };
}

describe("fake OpenAI", () => {
  let fake: FakeProvider;
  let client: OpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ apiKey: "sk-test", models: ["gpt-x", "glm-4.6"], responses: true });
    client = new OpenAI({ baseURL: fake.url, apiKey: "sk-test", maxRetries: 0 });
  });
  afterAll(() => fake.stop());

  test("models, and a non-streamed chat that names the model it received", async () => {
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(["gpt-x", "glm-4.6"]);
    const done = await client.chat.completions.create({ model: "glm-4.6", messages: [{ role: "user", content: "hi" }] });
    expect(done.choices[0]?.message.content).toBe(`Hello from openai (model=glm-4.6): ${TAIL}`);
    expect(done.usage?.prompt_tokens).toBeGreaterThan(0);
    const rec = fake.requests.at(-1);
    expect(rec?.path).toBe("/v1/chat/completions");
    expect(rec?.headers.authorization).toBe("Bearer sk-test");
    expect(rec?.json).toMatchObject({ model: "glm-4.6" });
  });

  test("a streamed chat with usage; a tool call; a tool result", async () => {
    const stream = await client.chat.completions.create({
      model: "gpt-x",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      usage = chunk.usage?.total_tokens ?? usage;
    }
    expect(text).toBe(`Hello from openai (model=gpt-x): ${TAIL}`);
    expect(usage).toBeGreaterThan(0);

    const tools = [{ type: "function" as const, function: weather }];
    const call = await client.chat.completions.create({ model: "gpt-x", tools, messages: [{ role: "user", content: "[[tool]]" }] });
    const choice = call.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    const tc = choice?.message.tool_calls?.[0];
    expect(tc?.type === "function" ? JSON.parse(tc.function.arguments) : undefined).toEqual({ city: "héllo" });

    const streamed = await client.chat.completions.create({ model: "gpt-x", tools, stream: true, messages: [{ role: "user", content: "[[tool]]" }] });
    let args = "";
    for await (const chunk of streamed) args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? "";
    expect(JSON.parse(args)).toEqual({ city: "héllo" });

    const after = await client.chat.completions.create({
      model: "gpt-x",
      tools,
      messages: [
        { role: "user", content: "[[tool]]" },
        { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "get_weather", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "c1", content: "sunny" },
      ],
    });
    expect(after.choices[0]?.message.content).toBe("tool result: sunny");
  });

  test("a streamed Responses answer, in order, numbered", async () => {
    const stream = await client.responses.create({ model: "gpt-x", input: "hi", stream: true });
    const types: string[] = [];
    let text = "";
    let sequence = -1;
    for await (const event of stream) {
      types.push(event.type);
      expect(event.sequence_number).toBe(sequence + 1);
      sequence = event.sequence_number;
      if (event.type === "response.output_text.delta") text += event.delta;
      if (event.type === "response.completed") expect(event.response.usage?.input_tokens).toBeGreaterThan(0);
    }
    expect(text).toBe(`Hello from openai (model=gpt-x): ${TAIL}`);
    expect(types.slice(0, 5)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
    ]);
    expect(types.slice(-4)).toEqual(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"]);

    const call = await client.responses.create({ model: "gpt-x", input: "[[tool]]", tools: [{ type: "function", strict: false, ...weather }] });
    expect(call.output[0]).toMatchObject({ type: "function_call", name: "get_weather", arguments: '{"city":"héllo"}' });
  });

  test("errors: bad key 401, unknown model 404, [[status:503]], and a character split across writes", async () => {
    const bad = new OpenAI({ baseURL: fake.url, apiKey: "wrong", maxRetries: 0 });
    const unauthorized = await bad.models.list().catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((unauthorized as InstanceType<typeof OpenAI.APIError>).code).toBe("invalid_api_key");
    const unknown = await client.chat.completions.create({ model: "nope", messages: [] }).catch((e: unknown) => e);
    expect((unknown as InstanceType<typeof OpenAI.APIError>).status).toBe(404);
    const busy = await client.chat.completions.create({ model: "gpt-x", messages: [{ role: "user", content: "[[status:503]]" }] }).catch((e: unknown) => e);
    expect((busy as InstanceType<typeof OpenAI.APIError>).status).toBe(503);

    const res = await fetch(`${fake.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer sk-test", "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-x", stream: true, messages: [{ role: "user", content: "hi" }] }),
    });
    const raw = await rawChunks(res);
    expect(raw.splitsCharacter).toBe(true);
    expect(raw.text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  test("an injected fault: the client's retry after retry-after gets the answer; listings are never faulted", async () => {
    fake.inject({ status: 503, retryAfter: 0 });
    const retrying = new OpenAI({ baseURL: fake.url, apiKey: "sk-test", maxRetries: 1 });
    const before = fake.requests.length;
    expect((await retrying.models.list()).data.length).toBe(2);
    const done = await retrying.chat.completions.create({ model: "gpt-x", messages: [{ role: "user", content: "hi" }] });
    expect(done.choices[0]?.finish_reason).toBe("stop");
    expect(fake.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /v1/models",
      "POST /v1/chat/completions",
      "POST /v1/chat/completions",
    ]);
  });

  test("a custom base path, over HTTPS with a self-signed certificate", async () => {
    const tlsFake = await startFakeOpenAI({ basePath: "/api/coding/paas/v4", tls: createSelfSignedCert() });
    try {
      expect(tlsFake.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/coding\/paas\/v4$/);
      const res = await fetch(`${tlsFake.url}/models`, { tls: { rejectUnauthorized: false } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: { id: string }[] }).data.length).toBeGreaterThan(0);
      expect(tlsFake.requests[0]?.path).toBe("/api/coding/paas/v4/models");
    } finally {
      await tlsFake.stop();
    }
  });
});

describe("fake Anthropic", () => {
  let fake: FakeProvider;
  let client: Anthropic;
  beforeAll(async () => {
    fake = await startFakeAnthropic({ apiKey: "sk-ant-test" });
    client = new Anthropic({ baseURL: fake.url, apiKey: "sk-ant-test", maxRetries: 0 });
  });
  afterAll(() => fake.stop());

  test("models; a non-streamed message; a tool_use", async () => {
    expect((await client.models.list()).data[0]?.type).toBe("model");
    const msg = await client.messages.create({ model: "claude-opus-4-7", max_tokens: 100, messages: [{ role: "user", content: "hi" }] });
    expect(msg.content[0]).toEqual({ type: "text", text: `Hello from anthropic (model=claude-opus-4-7): ${TAIL}` } as never);
    expect(msg.stop_reason).toBe("end_turn");
    const rec = fake.requests.at(-1);
    // This SDK version sends its apiKey as a Bearer token (older ones: x-api-key); the fake takes both.
    expect(rec?.headers["x-api-key"] ?? rec?.headers.authorization).toMatch(/^(Bearer )?sk-ant-test$/);
    expect(rec?.headers["anthropic-version"]).toBeDefined();

    const tools = [{ name: weather.name, input_schema: weather.parameters as Anthropic.Tool.InputSchema }];
    const call = await client.messages.create({ model: "claude-opus-4-7", max_tokens: 100, tools, messages: [{ role: "user", content: "[[tool]]" }] });
    expect(call.stop_reason).toBe("tool_use");
    expect(call.content[0]).toMatchObject({ type: "tool_use", name: "get_weather", input: { city: "héllo" } });
  });

  test("streamed text, streamed tool input, a tool result", async () => {
    const stream = client.messages.stream({ model: "claude-haiku-4-5-20251001", max_tokens: 100, messages: [{ role: "user", content: "hi" }] });
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ text: `Hello from anthropic (model=claude-haiku-4-5-20251001): ${TAIL}` });
    expect(final.usage.output_tokens).toBeGreaterThan(1);

    const tools = [{ name: weather.name, input_schema: weather.parameters as Anthropic.Tool.InputSchema }];
    const toolStream = client.messages.stream({ model: "claude-haiku-4-5-20251001", max_tokens: 100, tools, messages: [{ role: "user", content: "[[tool]]" }] });
    const called = await toolStream.finalMessage();
    expect(called.stop_reason).toBe("tool_use");
    expect(called.content[0]).toMatchObject({ type: "tool_use", input: { city: "héllo" } });

    const after = await client.messages.create({
      model: "claude-haiku-4-5-20251001",
      max_tokens: 100,
      tools,
      messages: [
        { role: "user", content: "[[tool]]" },
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "get_weather", input: {} }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "rainy" }] },
      ],
    });
    expect(after.content[0]).toMatchObject({ text: "tool result: rainy" });
  });

  test("errors: missing key 401, missing version 400, [[status:503]]", async () => {
    const noKey = await fetch(`${fake.url}/v1/models`, { headers: { "anthropic-version": "2023-06-01" } });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    const noVersion = await fetch(`${fake.url}/v1/models`, { headers: { "x-api-key": "sk-ant-test" } });
    expect(noVersion.status).toBe(400);
    const wrong = await fetch(`${fake.url}/v1/models`, { headers: { "anthropic-version": "2023-06-01", "x-api-key": "bad" } });
    expect(wrong.status).toBe(401);
    const busy = await client.messages
      .create({ model: "claude-opus-4-7", max_tokens: 10, messages: [{ role: "user", content: "[[status:503]]" }] })
      .catch((e: unknown) => e);
    expect((busy as InstanceType<typeof Anthropic.APIError>).status).toBe(503);
  });

  test("count_tokens; an injected 529 twice, in Anthropic's envelope", async () => {
    const counted = await client.messages.countTokens({ model: "claude-opus-4-7", messages: [{ role: "user", content: "hi" }] });
    expect(counted.input_tokens).toBe(Math.ceil((fake.requests.at(-1)?.body.length ?? 0) / 4));
    expect(fake.requests.at(-1)?.path).toBe("/v1/messages/count_tokens");
    fake.inject({ status: 529, times: 2 });
    const ask = () => client.messages.create({ model: "claude-opus-4-7", max_tokens: 10, messages: [{ role: "user", content: "hi" }] });
    for (let i = 0; i < 2; i++) {
      const overloaded = (await ask().catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
      expect(overloaded.status).toBe(529);
      expect(overloaded.error).toMatchObject({ type: "error", error: { type: "overloaded_error" } });
    }
    expect((await ask()).stop_reason).toBe("end_turn");
  });
});

describe("fake Ollama", () => {
  let fake: FakeProvider;
  let ollama: Ollama;
  beforeAll(async () => {
    fake = await startFakeOllama({ models: ["llama3.2", "qwen3:8b"] });
    ollama = new Ollama({ host: fake.url });
  });
  afterAll(() => fake.stop());

  test("list, show, version", async () => {
    expect((await ollama.list()).models.map((m) => m.name)).toEqual(["llama3.2:latest", "qwen3:8b"]);
    expect((await ollama.show({ model: "qwen3:8b" })).capabilities).toContain("tools");
    expect((await ollama.version()).version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test("chat streamed and not; generate; a tool call", async () => {
    const one = await ollama.chat({ model: "llama3.2", messages: [{ role: "user", content: "hi" }], stream: false });
    expect(one.message.content).toBe(`Hello from ollama (model=llama3.2): ${TAIL}`);
    expect(one.done_reason).toBe("stop");
    expect(one.prompt_eval_count).toBeGreaterThan(0);

    const stream = await ollama.chat({ model: "qwen3:8b", messages: [{ role: "user", content: "hi" }], stream: true });
    let text = "";
    let last: { done: boolean; eval_count: number } | undefined;
    for await (const part of stream) {
      text += part.message.content;
      last = part;
    }
    expect(text).toBe(`Hello from ollama (model=qwen3:8b): ${TAIL}`);
    expect(last?.done).toBe(true);
    expect(last?.eval_count).toBeGreaterThan(0);
    expect(fake.requests.at(-1)?.json).toMatchObject({ model: "qwen3:8b", stream: true });

    const gen = await ollama.generate({ model: "llama3.2", prompt: "hi", stream: false });
    expect(gen.response).toBe(`Hello from ollama (model=llama3.2): ${TAIL}`);

    const tools = [{ type: "function", function: weather }];
    const call = await ollama.chat({ model: "llama3.2", tools, messages: [{ role: "user", content: "[[tool]]" }], stream: false });
    expect(call.message.tool_calls?.[0]?.function).toEqual({ name: "get_weather", arguments: { city: "héllo" } });
  });

  test("embed: one unit vector per input, the same for the same input; a fault armed from the start", async () => {
    const { embeddings, prompt_eval_count } = await ollama.embed({ model: "llama3.2", input: ["a", "b", "a"] });
    expect(embeddings).toHaveLength(3);
    expect(embeddings[0]).toEqual(embeddings[2] as number[]);
    expect(embeddings[0]).not.toEqual(embeddings[1] as number[]);
    expect(Math.hypot(...(embeddings[1] ?? []))).toBeCloseTo(1, 6);
    expect(prompt_eval_count).toBeGreaterThan(0);

    const faulty = await startFakeOllama({ fault: { status: 500, times: Infinity } });
    try {
      const error = await new Ollama({ host: faulty.url }).chat({ model: "qwen3:8b", messages: [] }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status_code: 500, error: "fake upstream fault 500" });
      expect((await new Ollama({ host: faulty.url }).list()).models).toHaveLength(2);
    } finally {
      await faulty.stop();
    }
  });

  test("unknown model 404, [[status:503]], NDJSON by default with a split character", async () => {
    const missing = await fetch(`${fake.url}/api/chat`, { method: "POST", body: JSON.stringify({ model: "x", messages: [] }) });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'model "x" not found, try pulling it first' });
    const busy = await fetch(`${fake.url}/api/chat`, {
      method: "POST",
      body: JSON.stringify({ model: "llama3.2", messages: [{ role: "user", content: "[[status:503]]" }] }),
    });
    expect(busy.status).toBe(503);
    expect(((await busy.json()) as { error: string }).error).toContain("503");

    const res = await fetch(`${fake.url}/api/chat`, { method: "POST", body: JSON.stringify({ model: "llama3.2", messages: [{ role: "user", content: "hi" }] }) });
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    const raw = await rawChunks(res);
    expect(raw.splitsCharacter).toBe(true);
    const lines = raw.text.trim().split("\n").map((l) => JSON.parse(l) as { done: boolean });
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.at(-1)?.done).toBe(true);
  });
});
