import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { DEFAULT_MODELS } from "../fake-upstream/index.ts";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";
import { type Ask, sdkClients } from "../support/sdk-clients.ts";

/**
 * Every client dialect against every upstream wire, streamed and not, through the real SDK clients: the pipeline
 * has no code for any pair, so each cell works only if each dialect's own halves do.
 */
let relay: RelayHarness;
let clients: Record<string, Ask>;

// One model per wire: chat only, responses only, and messages only (a Claude model Copilot serves natively only).
const wires = {
  "/chat/completions": "gemini-2.5-pro",
  "/responses": "gpt-5.1-codex",
  "/v1/messages": "claude-native-only",
} as const;

beforeAll(async () => {
  relay = await startRelay({
    fake: { models: [...DEFAULT_MODELS, { id: "claude-native-only", vendor: "Anthropic", supported_endpoints: ["/v1/messages"], maxOutput: 16000 }] },
  });
  clients = sdkClients(relay.url).asks;
});
afterAll(() => relay.stop());

describe("every client dialect reaches every upstream wire", () => {
  for (const client of ["openai chat", "openai responses", "anthropic messages", "ollama chat", "ollama generate"]) {
    for (const [wire, model] of Object.entries(wires)) {
      for (const stream of [false, true]) {
        test(`${client} → ${wire}${stream ? ", streamed" : ""}`, async () => {
          const before = relay.fake.find(`/copilot${wire}`).length;
          expect(await (clients[client] as Ask)(model, stream)).toBe(`Hello from ${model}! héllo 👋 — 你好`);
          const sent = relay.fake.find(`/copilot${wire}`);
          expect(sent.length).toBe(before + 1);
          expect((sent.at(-1)?.json as { stream?: boolean }).stream === true).toBe(stream);
        });
      }
    }
  }
});
