import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import { Ollama } from "ollama";
import OpenAI from "openai";
import { DEFAULT_MODELS } from "../fake-upstream/index.ts";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

/**
 * Every client dialect against every upstream wire, streamed and not, through the real SDK clients: the pipeline
 * has no code for any pair, so each cell works only if each dialect's own halves do.
 */
let relay: RelayHarness;
let openai: OpenAI;
let anthropic: Anthropic;
let ollama: Ollama;

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
  openai = new OpenAI({ baseURL: `${relay.url}/v1`, apiKey: "unused", maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: relay.url, apiKey: "unused", maxRetries: 0 });
  ollama = new Ollama({ host: relay.url });
});
afterAll(() => relay.stop());

type Ask = (model: string, stream: boolean) => Promise<string>;
const prompt = "hi";

const clients: Record<string, Ask> = {
  "openai chat": async (model, stream) => {
    const messages = [{ role: "user" as const, content: prompt }];
    if (!stream) return (await openai.chat.completions.create({ model, messages })).choices[0]?.message.content ?? "";
    let text = "";
    for await (const chunk of await openai.chat.completions.create({ model, messages, stream: true })) text += chunk.choices[0]?.delta.content ?? "";
    return text;
  },
  "openai responses": async (model, stream) => {
    if (!stream) return (await openai.responses.create({ model, input: prompt })).output_text;
    return (await openai.responses.stream({ model, input: prompt }).finalResponse()).output_text;
  },
  "anthropic messages": async (model, stream) => {
    const body = { model, max_tokens: 512, messages: [{ role: "user" as const, content: prompt }] };
    const message = stream ? await anthropic.messages.stream(body).finalMessage() : await anthropic.messages.create(body);
    return message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
  },
  "ollama chat": async (model, stream) => {
    const messages = [{ role: "user", content: prompt }];
    if (!stream) return (await ollama.chat({ model, messages, stream: false })).message.content;
    let text = "";
    for await (const part of await ollama.chat({ model, messages, stream: true })) text += part.message.content;
    return text;
  },
  "ollama generate": async (model, stream) => {
    if (!stream) return (await ollama.generate({ model, prompt, stream: false })).response ?? "";
    let text = "";
    for await (const part of await ollama.generate({ model, prompt, stream: true })) text += part.response;
    return text;
  },
};

describe("every client dialect reaches every upstream wire", () => {
  for (const [client, ask] of Object.entries(clients)) {
    for (const [wire, model] of Object.entries(wires)) {
      for (const stream of [false, true]) {
        test(`${client} → ${wire}${stream ? ", streamed" : ""}`, async () => {
          const before = relay.fake.find(`/copilot${wire}`).length;
          expect(await ask(model, stream)).toBe(`Hello from ${model}! héllo 👋 — 你好`);
          const sent = relay.fake.find(`/copilot${wire}`);
          expect(sent.length).toBe(before + 1);
          expect((sent.at(-1)?.json as { stream?: boolean }).stream === true).toBe(stream);
        });
      }
    }
  }
});
