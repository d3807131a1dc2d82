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
