import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import { DEFAULT_MODELS } from "../fake-upstream/index.ts";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

let relay: RelayHarness;
let client: Anthropic;

// An older Claude model that Copilot serves on /chat/completions only, with thinking support.
const CHAT_CLAUDE = "claude-sonnet-4";

beforeAll(async () => {
  relay = await startRelay({
    fake: { models: [...DEFAULT_MODELS, { id: CHAT_CLAUDE, name: "Claude Sonnet 4", vendor: "Anthropic", family: "claude-sonnet-4", maxOutput: 16000, thinking: true, multiplier: 1 }] },
  });
  client = new Anthropic({ baseURL: relay.url, apiKey: "unused", maxRetries: 0 });
});
afterAll(() => relay.stop());
beforeEach(() => relay.fake.reset());

const upstreamChat = () => relay.fake.find("/copilot/chat/completions");

describe("Anthropic thinking on translated paths", () => {
  test("a chat-only Claude model gets thinking.budget_tokens as Copilot's thinking_budget", async () => {
    const message = await client.messages.create({
      model: CHAT_CLAUDE,
      max_tokens: 8000,
      thinking: { type: "enabled", budget_tokens: 4000 },
      messages: [{ role: "user", content: "[[reasoning]] think" }],
    });
    expect(message.content[0]).toMatchObject({ type: "thinking", thinking: "Let me think.", signature: "opaque-sig" });
    const sent = upstreamChat()[0]?.json as Record<string, unknown>;
    expect(sent.thinking_budget).toBe(4000);
    expect(sent.max_tokens).toBe(8000);
  });

  test("an OpenAI reasoning model gets a reasoning_effort from the budget", async () => {
    await client.messages.create({
      model: "gpt-5-mini",
      max_tokens: 8000,
      thinking: { type: "enabled", budget_tokens: 20_000 },
      messages: [{ role: "user", content: "hi" }],
    });
    const sent = upstreamChat()[0]?.json as Record<string, unknown>;
    expect(sent.reasoning_effort).toBe("high");
    expect(sent.thinking_budget).toBeUndefined();
    expect(sent.max_completion_tokens).toBe(8000);
  });

  test("Claude Code's max_tokens above Copilot's limit is lowered rather than sent to fail", async () => {
    // The SDK refuses such a large non-streamed request, so stream it, as Claude Code does.
    await client.messages.stream({ model: CHAT_CLAUDE, max_tokens: 128_000, messages: [{ role: "user", content: "hi" }] }).finalMessage();
    expect((upstreamChat()[0]?.json as { max_tokens: number }).max_tokens).toBe(16000);
    await client.messages.stream({ model: "claude-sonnet-4.5", max_tokens: 128_000, messages: [{ role: "user", content: "hi" }] }).finalMessage();
    expect((relay.fake.find("/copilot/v1/messages")[0]?.json as { max_tokens: number }).max_tokens).toBe(16000);
  });
});
