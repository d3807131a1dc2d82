import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import OpenAI from "openai";
import { type FakeProvider, startFakeOpenAI } from "../fake-providers/index.ts";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

/** A provider's `proxy` (issue 11): its calls go through that outbound HTTP proxy, other providers' do not. */
let fake: FakeProvider;
let relay: RelayHarness;
let proxy: ReturnType<typeof Bun.serve>;
const proxied: string[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI({ models: ["via-proxy", "direct"] });
  // A minimal forward proxy: plain-HTTP requests arrive in absolute form and are sent on.
  proxy = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      proxied.push(request.url);
      const headers = new Headers(request.headers);
      headers.delete("proxy-connection");
      const answer = await fetch(request.url, { method: request.method, headers, body: await request.arrayBuffer() });
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    },
  });
  relay = await startRelay({
    configFile: {
      providers: {
        behind: { type: "openai", baseUrl: fake.url, proxy: `http://127.0.0.1:${proxy.port}` },
        open: { type: "openai", baseUrl: fake.url },
      },
    },
  });
});
afterAll(async () => {
  await relay.stop();
  proxy.stop(true);
  await fake.stop();
});

describe("an outbound proxy per provider", () => {
  test("the provider with a proxy goes through it; the other goes direct", async () => {
    const client = new OpenAI({ baseURL: `${relay.url}/v1`, apiKey: "unused", maxRetries: 0 });
    const viaProxy = await client.chat.completions.create({ model: "behind/via-proxy", messages: [{ role: "user", content: "hi" }] });
    expect(viaProxy.choices[0]?.message.content).toContain("(model=via-proxy)");
    expect(proxied).toEqual([`${fake.url}/chat/completions`]);
    const direct = await client.chat.completions.create({ model: "open/direct", messages: [{ role: "user", content: "hi" }] });
    expect(direct.choices[0]?.message.content).toContain("(model=direct)");
    expect(proxied.length).toBe(1);
  });
});
