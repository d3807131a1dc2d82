import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import OpenAI from "openai";
import { type FakeProvider, startFakeOpenAI } from "../fake-providers/index.ts";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

/**
 * Retry policy per provider and per model route (issue 11): the harness runs with --retries 0, so only a provider's
 * or a route's own `retry` makes the relay try again.
 */
let fake: FakeProvider;
let relay: RelayHarness;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  relay = await startRelay({
    flags: { retryBaseDelay: 0.01, retryMaxDelay: 0.02 },
    configFile: {
      providers: {
        patient: { type: "openai", baseUrl: fake.url, retry: { maxAttempts: 3 } },
        hasty: { type: "openai", baseUrl: fake.url },
      },
      models: { "steady-*": { provider: "hasty", retry: { maxAttempts: 2 } } },
    },
  });
  client = new OpenAI({ baseURL: `${relay.url}/v1`, apiKey: "unused", maxRetries: 0 });
});
afterAll(async () => {
  await relay.stop();
  await fake.stop();
});

const ask = (model: string) => client.chat.completions.create({ model, messages: [{ role: "user", content: "hi" }] });

describe("retries per provider and per route", () => {
  test("a provider's own retry policy retries a 503 the global policy would not", async () => {
    const before = fake.requests.length;
    fake.inject({ status: 503, times: 2 });
    expect((await ask("patient/m")).choices[0]?.message.content).toContain("(model=m)");
    expect(fake.requests.length - before).toBe(3);
  });

  test("without one, the global policy (no retries here) applies and the provider's 503 reaches the client", async () => {
    const before = fake.requests.length;
    fake.inject({ status: 503, times: 1 });
    const error = await ask("hasty/m").catch((caught: unknown) => caught);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect(fake.requests.length - before).toBe(1);
  });

  test("a model route's retry overrides its provider's", async () => {
    const before = fake.requests.length;
    fake.inject({ status: 503, times: 1 });
    expect((await ask("steady-model")).choices[0]?.message.content).toContain("(model=steady-model)");
    expect(fake.requests.length - before).toBe(2);
  });
});

describe("cooldowns per provider", () => {
  test("a 429 cools the model down on the provider that sent it, not on another provider serving the same id", async () => {
    const shared = await startFakeOpenAI();
    const harness = await startRelay({
      configFile: {
        providers: { east: { type: "openai", baseUrl: shared.url }, west: { type: "openai", baseUrl: shared.url } },
        fallbacks: { "east/m": ["west/m"], "west/m": ["gpt-4.1"] },
      },
    });
    try {
      const openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: "unused", maxRetries: 0 });
      shared.inject({ status: 429, retryAfter: 60 });
      const first = await openai.chat.completions.create({ model: "east/m", messages: [{ role: "user", content: "hi" }] }).withResponse();
      // east answered 429: its fallback, west's model of the same id, answered instead.
      expect(first.response.headers.get("x-copilot-relay-model")).toBe("m");
      expect(first.data.choices[0]?.message.content).toContain("(model=m)");
      expect(shared.requests).toHaveLength(2);

      // west/m is not cooling: it answers itself rather than being skipped for its own fallback on Copilot.
      const second = await openai.chat.completions.create({ model: "west/m", messages: [{ role: "user", content: "hi" }] });
      expect(second.choices[0]?.message.content).toContain("(model=m)");
      expect(shared.requests).toHaveLength(3);
      expect(harness.fake.find("/copilot/chat/completions")).toHaveLength(0);

      const ready = (await (await fetch(`${harness.url}/readyz`)).json()) as { cooldowns: { model: string }[] };
      expect(ready.cooldowns.map((entry) => entry.model)).toEqual(["east/m"]);
      const reset = await fetch(`${harness.url}/admin/cooldowns/reset`, { method: "POST" });
      expect(await reset.json()).toEqual({ cleared: ["east/m"] });
    } finally {
      await harness.stop();
      await shared.stop();
    }
  });
});
