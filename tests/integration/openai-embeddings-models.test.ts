import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import OpenAI from "openai";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

let relay: RelayHarness;
let client: OpenAI;

beforeAll(async () => {
  relay = await startRelay();
  client = new OpenAI({ baseURL: `${relay.url}/v1`, apiKey: "unused", maxRetries: 0 });
});
afterAll(() => relay.stop());
beforeEach(() => relay.fake.reset());

describe("embeddings", () => {
  test("single and batched inputs", async () => {
    const single = await client.embeddings.create({ model: "text-embedding-3-small", input: "hello" });
    expect(single.data).toHaveLength(1);
    expect(single.data[0]?.embedding.length).toBeGreaterThan(0);
    const batch = await client.embeddings.create({ model: "text-embedding-3-small", input: ["a", "b", "c"] });
    expect(batch.data.map((item) => item.index)).toEqual([0, 1, 2]);
    const sent = relay.fake.find("/copilot/embeddings").map((request) => request.json as { input: unknown; model: string });
    expect(sent.map((body) => body.input)).toEqual(["hello", ["a", "b", "c"]]);
    expect(sent[0]?.model).toBe("text-embedding-3-small");
  });

  test("a chat model is refused, and a missing input names the field", async () => {
    const error = (await client.embeddings.create({ model: "gpt-4.1", input: "x" }).catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error.status).toBe(400);
    const response = await fetch(`${relay.url}/embeddings`, { method: "POST", body: JSON.stringify({ model: "text-embedding-3-small" }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe("input");
    expect(relay.fake.find("/copilot/embeddings")).toHaveLength(0);
  });
});

describe("models", () => {
  test("list in OpenAI's shape with the fields clients use", async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model as OpenAI.Models.Model & Record<string, unknown>);
    const ids = models.map((model) => model.id);
    expect(ids).toContain("gpt-4.1");
    expect(ids).toContain("claude-sonnet-4.5");
    const claude = models.find((model) => model.id === "claude-sonnet-4.5")!;
    expect(claude).toMatchObject({ object: "model", owned_by: "Anthropic" });
    expect(claude.display_name).toBeTruthy();
    expect(claude.context_window).toBeGreaterThan(0);
    expect(claude.supported_endpoints).toContain("/v1/messages");
    expect((claude.capabilities as { supports?: unknown }).supports).toBeTruthy();
    const legacy = models.find((model) => model.id === "gemini-2.5-pro")!;
    expect(legacy.supported_endpoints).toEqual(["/chat/completions"]);
  });

  test("retrieve one, by exact or Anthropic-style id; unknown is a 404", async () => {
    expect((await client.models.retrieve("gpt-4.1")).id).toBe("gpt-4.1");
    expect((await client.models.retrieve("claude-sonnet-4-5-20250929")).id).toBe("claude-sonnet-4.5");
    const error = await client.models.retrieve("nope-1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    const bare = await fetch(`${relay.url}/models`);
    expect(((await bare.json()) as { data: unknown[] }).data.length).toBeGreaterThan(3);
  });

  test("an unknown id refreshes the model list once before answering", async () => {
    const fresh = await startRelay();
    try {
      const freshClient = new OpenAI({ baseURL: `${fresh.url}/v1`, apiKey: "unused", maxRetries: 0 });
      const before = fresh.fake.find("/copilot/models").length;
      fresh.fake.options.models = [{ id: "gpt-4.1", supported_endpoints: ["/chat/completions"] }, { id: "brand-new-model" }];
      const completion = await freshClient.chat.completions.create({ model: "brand-new-model", messages: [{ role: "user", content: "hi" }] });
      expect(completion.choices[0]?.message.content).toContain("brand-new-model");
      expect(fresh.fake.find("/copilot/models").length).toBe(before + 1);
      // A second unknown id within the cooldown does not refresh again.
      await freshClient.chat.completions.create({ model: "missing-model", messages: [{ role: "user", content: "hi" }] }).catch(() => {});
      expect(fresh.fake.find("/copilot/models").length).toBe(before + 1);
    } finally {
      await fresh.stop();
    }
  });
});

describe("health", () => {
  test("healthz is alive and readyz reports ready", async () => {
    expect(await (await fetch(`${relay.url}/healthz`)).json()).toMatchObject({ status: "ok" });
    const ready = await fetch(`${relay.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", models: expect.any(Number) });
  });

  test("readyz is 503 with the reason before the token and models load", async () => {
    const cold = await startRelay({ noStart: true, flags: { readyTimeoutSeconds: 0 } });
    try {
      const response = await fetch(`${cold.url}/readyz`);
      expect(response.status).toBe(503);
      expect(((await response.json()) as { reason: string }).reason).toMatch(/starting/);
      const chat = await fetch(`${cold.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "x" }] }) });
      expect(chat.status).toBe(503);
      expect(((await chat.json()) as { error: { code: string } }).error.code).toBe("not_ready");
      await cold.services.start();
      expect((await fetch(`${cold.url}/readyz`)).status).toBe(200);
    } finally {
      await cold.stop();
    }
  });
});
