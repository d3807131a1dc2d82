import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { type FakeProvider, startFakeOpenAI } from "../fake-providers/index.ts";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

/**
 * Header rules and body transforms per provider and per model route (issue 11), through the relay: what the
 * provider receives, and what the client gets back, streamed and not, with multi-byte text split across writes.
 */
let fake: FakeProvider;
let relay: RelayHarness;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: "rules-key-0123456789" });
  relay = await startRelay({
    configFile: {
      providers: {
        shaped: {
          type: "openai",
          baseUrl: fake.url,
          apiKey: "rules-key-0123456789",
          headers: { mode: "allowlist", list: ["x-trace-id", "x-debug"], set: { "x-team": "core" }, add: { "x-source": "relay", "x-trace-id": "never-used" }, drop: ["x-debug"] },
          transforms: {
            request: [{ regex: "secret project", replace: "a project", flags: "gi" }, { drop: "$.metadata" }, { set: "$.temperature", value: 0.2 }],
            response: [{ regex: "日本語", replace: "にほんご", flags: "gu" }, { regex: "👋", replace: "(wave)", flags: "gu" }],
          },
        },
      },
      // A route with its own rules: everything of the client's passes but the denied header.
      models: { "open-*": { provider: "shaped", headers: { mode: "denylist", list: ["x-private"] } } },
    },
  });
  openai = new OpenAI({ baseURL: `${relay.url}/v1`, apiKey: "client-key-for-the-relay", maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: relay.url, apiKey: "client-key-for-the-relay", maxRetries: 0 });
});
afterAll(async () => {
  await relay.stop();
  await fake.stop();
});

const headersOf = (index = -1) => fake.requests.at(index)?.headers ?? {};

describe("header rules", () => {
  test("allowlist with set, add and drop: only the listed client headers pass, never a credential", async () => {
    await openai.chat.completions.create(
      { model: "shaped/m1", messages: [{ role: "user", content: "hi" }] },
      { headers: { "x-trace-id": "trace-42", "x-debug": "1", "x-other": "no" } },
    );
    const sent = headersOf();
    expect(sent["x-trace-id"]).toBe("trace-42");
    expect(sent["x-team"]).toBe("core");
    expect(sent["x-source"]).toBe("relay");
    expect(sent["x-debug"]).toBeUndefined();
    expect(sent["x-other"]).toBeUndefined();
    // The provider's own key, not the client's key for the relay, whatever the client sent.
    expect(sent.authorization).toBe("Bearer rules-key-0123456789");
    expect(JSON.stringify(fake.requests)).not.toContain("client-key-for-the-relay");
  });

  test("a model route's own rules replace the provider's: denylist passes the rest", async () => {
    await openai.chat.completions.create({ model: "open-model", messages: [{ role: "user", content: "hi" }] }, { headers: { "x-private": "p", "x-visible": "v" } });
    const sent = headersOf();
    expect(sent["x-visible"]).toBe("v");
    expect(sent["x-private"]).toBeUndefined();
    expect(sent["x-team"]).toBeUndefined();
    expect(sent.authorization).toBe("Bearer rules-key-0123456789");
  });
});

describe("body transforms", () => {
  test("request transforms in order: regex on text, JSONPath drop and set; the client's own fields otherwise untouched", async () => {
    await openai.chat.completions.create({
      model: "shaped/m2",
      messages: [{ role: "user", content: "About the Secret Project: ok?" }],
      metadata: { user: "u1" },
      temperature: 0.9,
    });
    const sent = fake.requests.at(-1)?.json as Record<string, unknown>;
    expect((sent.messages as { content: string }[])[0]?.content).toBe("About the a project: ok?");
    expect(sent.metadata).toBeUndefined();
    expect(sent.temperature).toBe(0.2);
    expect(sent.model).toBe("m2");
  });

  test("response transforms on a non-streamed answer and on a stream, per event, with multi-byte text intact", async () => {
    const whole = await openai.chat.completions.create({ model: "shaped/m3", messages: [{ role: "user", content: "hi" }] });
    expect(whole.choices[0]?.message.content).toBe("Hello from openai (model=m3): héllo wörld (wave) にほんご");
    let streamed = "";
    for await (const chunk of await openai.chat.completions.create({ model: "shaped/m3", messages: [{ role: "user", content: "hi" }], stream: true })) {
      streamed += chunk.choices[0]?.delta.content ?? "";
    }
    // Per event: a pattern is applied within each delta; this fake sends the emoji and the CJK word whole.
    expect(streamed).toBe("Hello from openai (model=m3): héllo wörld (wave) にほんご");
  });

  test("translated answers pass the provider's response transforms too (an Anthropic client, streamed)", async () => {
    const message = await anthropic.messages.stream({ model: "shaped/m4", max_tokens: 64, messages: [{ role: "user", content: "hi" }] }).finalMessage();
    expect(message.content.map((block) => (block.type === "text" ? block.text : "")).join("")).toBe("Hello from openai (model=m4): héllo wörld (wave) にほんご");
  });
});
