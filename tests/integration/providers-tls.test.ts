import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import OpenAI from "openai";
import { createSelfSignedCert, type FakeProvider, startFakeOpenAI } from "../fake-providers/index.ts";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

/** `tlsVerify` (issue 11): a self-signed provider is refused by default, served when verification is explicitly off. */
let fake: FakeProvider;
let relay: RelayHarness;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ tls: createSelfSignedCert(), models: ["self-signed-model", "checked-model"] });
  relay = await startRelay({
    configFile: {
      providers: {
        lab: { type: "openai", baseUrl: fake.url, tlsVerify: false },
        checked: { type: "openai", baseUrl: fake.url },
      },
    },
  });
  client = new OpenAI({ baseURL: `${relay.url}/v1`, apiKey: "unused", maxRetries: 0 });
});
afterAll(async () => {
  await relay.stop();
  await fake.stop();
});

describe("TLS verification per provider", () => {
  test("tlsVerify: false reaches a self-signed server, and the relay warns about it", async () => {
    expect(fake.url.startsWith("https://")).toBe(true);
    const answer = await client.chat.completions.create({ model: "lab/self-signed-model", messages: [{ role: "user", content: "hi" }] });
    expect(answer.choices[0]?.message.content).toContain("(model=self-signed-model)");
    expect(relay.logs.some((line) => line.text.includes("lab") && line.text.includes("TLS certificate verification is off"))).toBe(true);
  });

  test("verification on (the default) refuses the same server with a 502 in the caller's dialect", async () => {
    const before = fake.requests.length;
    const error = await client.chat.completions.create({ model: "checked/checked-model", messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(502);
    expect(apiError.message).toContain("Could not reach the checked provider");
    expect(fake.requests.length).toBe(before);
  });
});
