import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import { Ollama } from "ollama";
import OpenAI from "openai";
import { type FakeProvider, startFakeAnthropic, startFakeOllama, startFakeOpenAI } from "../fake-providers/index.ts";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";
import { type Ask, sdkClients } from "../support/sdk-clients.ts";

/**
 * Every client dialect to every provider type (issue 11), through the real SDK clients: text, streams and a tool
 * round trip. Pass-through where the client's dialect is the provider's wire, the hub otherwise; each provider's
 * key reaches only that provider, and the Copilot token never leaves Copilot calls.
 */
let relay: RelayHarness;
let zai: FakeProvider;
let openaiApi: FakeProvider;
let claude: FakeProvider;
let local: FakeProvider;
let openai: OpenAI;
let anthropic: Anthropic;
let ollama: Ollama;
let clients: Record<string, Ask>;

const KEYS = { zai: "zai-key-0123456789abcdef", openai: "sk-openai-0123456789abcdef", claude: "sk-ant-claude-0123456789abcdef" };

beforeAll(async () => {
  [zai, openaiApi, claude, local] = await Promise.all([
    startFakeOpenAI({ apiKey: KEYS.zai, basePath: "/api/coding/paas/v4", models: ["glm-4.6", "glm-4.5-air"] }),
    startFakeOpenAI({ apiKey: KEYS.openai, responses: true, models: ["gpt-4o-mini"] }),
    startFakeAnthropic({ apiKey: KEYS.claude, models: ["claude-opus-4-7"] }),
    startFakeOllama({ models: ["qwen3:8b"] }),
  ]);
  relay = await startRelay({
    configFile: {
      providers: {
        zai: { baseUrl: zai.url, apiKey: KEYS.zai },
        oa: { type: "openai", baseUrl: openaiApi.url, apiKey: KEYS.openai, responses: true },
        claude: { type: "anthropic", baseUrl: claude.url, apiKey: KEYS.claude },
        local: { type: "ollama", baseUrl: local.url },
      },
      models: { "glm-*": { provider: "zai" }, "qwen3:*": { provider: "local" }, opus: { provider: "claude", model: "claude-opus-4-7" } },
    },
  });
  ({ openai, anthropic, ollama, asks: clients } = sdkClients(relay.url));
});
afterAll(async () => {
  await relay.stop();
  await Promise.all([zai, openaiApi, claude, local].map((fake) => fake.stop()));
});

/** The model a client asks for, the fake that must receive it, the upstream id and the path it must arrive on. */
const providers = () => ({
  "openai-compatible (zai, by glob)": { model: "glm-4.6", fake: zai, upstreamId: "glm-4.6", path: "/api/coding/paas/v4/chat/completions", name: "openai" },
  "openai with Responses (prefix)": { model: "oa/gpt-4o-mini", fake: openaiApi, upstreamId: "gpt-4o-mini", path: "/v1/", name: "openai" },
  "anthropic (alias)": { model: "opus", fake: claude, upstreamId: "claude-opus-4-7", path: "/v1/messages", name: "anthropic" },
  "ollama (glob)": { model: "qwen3:8b", fake: local, upstreamId: "qwen3:8b", path: "/api/chat", name: "ollama" },
});

describe("every client dialect reaches every provider", () => {
  for (const client of ["openai chat", "openai responses", "anthropic messages", "ollama chat", "ollama generate"]) {
    for (const label of Object.keys(providers())) {
      for (const stream of [false, true]) {
        test(`${client} → ${label}${stream ? ", streamed" : ""}`, async () => {
          const target = providers()[label as keyof ReturnType<typeof providers>];
          const before = target.fake.requests.length;
          const copilotBefore = relay.fake.requests.length;
          expect(await (clients[client] as Ask)(target.model, stream)).toBe(`Hello from ${target.name} (model=${target.upstreamId}): héllo wörld 👋 日本語`);
          const sent = target.fake.requests.slice(before);
          expect(sent.length).toBe(1);
          expect(sent[0]?.path.startsWith(target.path)).toBe(true);
          expect((sent[0]?.json as { model?: string }).model).toBe(target.upstreamId);
          // Nothing of this request went to Copilot.
          expect(relay.fake.requests.slice(copilotBefore).filter((request) => request.path.startsWith("/copilot/"))).toEqual([]);
        });
      }
    }
  }
});

describe("credentials stay with their provider", () => {
  test("each provider gets its own key only; the Copilot token and the relay's client headers never leave", () => {
    const everything = [zai, openaiApi, claude, local].flatMap((fake) => fake.requests.map((request) => ({ fake, text: JSON.stringify(request.headers) + request.body })));
    for (const { fake, text } of everything) {
      for (const [name, key] of Object.entries(KEYS)) {
        const own = (name === "zai" && fake === zai) || (name === "openai" && fake === openaiApi) || (name === "claude" && fake === claude);
        expect(text.includes(key)).toBe(own);
      }
      // The relay's Copilot token (from the fake GitHub) and the client's "unused" key are not forwarded.
      expect(text).not.toMatch(/tid=|copilot_token|Bearer unused/);
    }
    const copilotCalls = relay.fake.requests.map((request) => JSON.stringify(request.headers) + request.body).join("\n");
    for (const key of Object.values(KEYS)) expect(copilotCalls.includes(key)).toBe(false);
  });
});

describe("a tool round trip through a provider", () => {
  const weather = { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };

  test("openai chat client → Anthropic provider: the call comes back with its id, and the result reaches the provider", async () => {
    const tools = [{ type: "function" as const, function: weather }];
    const first = await openai.chat.completions.create({ model: "opus", tools, messages: [{ role: "user", content: "[[tool]]" }] });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type === "function" && call.function.name).toBe("get_weather");
    if (!call || call.type !== "function") throw new Error("no tool call");
    const second = await openai.chat.completions.create({
      model: "opus",
      tools,
      messages: [
        { role: "user", content: "[[tool]]" },
        { role: "assistant", content: null, tool_calls: [call] },
        { role: "tool", tool_call_id: call.id, content: "sunny, 21 °C" },
      ],
    });
    expect(second.choices[0]?.message.content).toBe("tool result: sunny, 21 °C");
    const sent = claude.requests.at(-1)?.json as { messages: { role: string; content: { type: string; tool_use_id?: string }[] }[] };
    const result = sent.messages.at(-1)?.content.find((block) => block.type === "tool_result");
    expect(result?.tool_use_id).toBe(call.id);
  });

  test("anthropic client (Claude Code's dialect) → an OpenAI-compatible provider, streamed", async () => {
    const tools = [{ name: weather.name, description: weather.description, input_schema: weather.parameters as Anthropic.Tool.InputSchema }];
    const first = await anthropic.messages.stream({ model: "glm-4.6", max_tokens: 256, tools, messages: [{ role: "user", content: "[[tool]]" }] }).finalMessage();
    expect(first.stop_reason).toBe("tool_use");
    const use = first.content.find((block) => block.type === "tool_use");
    if (!use || use.type !== "tool_use") throw new Error("no tool_use");
    expect(use.name).toBe("get_weather");
    const second = await anthropic.messages.stream({
      model: "glm-4.6",
      max_tokens: 256,
      tools,
      messages: [
        { role: "user", content: "[[tool]]" },
        { role: "assistant", content: [use] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: use.id, content: "rainy" }] },
      ],
    }).finalMessage();
    expect(second.content.map((block) => (block.type === "text" ? block.text : "")).join("")).toBe("tool result: rainy");
    const sent = zai.requests.at(-1)?.json as { messages: { role: string; tool_call_id?: string }[] };
    expect(sent.messages.at(-1)).toMatchObject({ role: "tool", tool_call_id: use.id });
  });
});

describe("listings and routing errors", () => {
  test("/v1/models and /api/tags list every provider's models next to Copilot's", async () => {
    const ids = (await openai.models.list()).data.map((model) => model.id);
    expect(ids).toContain("gpt-4.1");
    expect(ids).toEqual(expect.arrayContaining(["glm-4.6", "glm-4.5-air", "oa/gpt-4o-mini", "claude/claude-opus-4-7", "qwen3:8b"]));
    // /readyz (and the dashboard's health panel, which renders it) name each provider's models.
    const ready = (await (await fetch(`${relay.url}/readyz`)).json()) as { providers: { provider: string; models?: number; ids?: string[] }[] };
    expect(ready.providers.find((entry) => entry.provider === "zai")).toMatchObject({ models: 2, ids: ["glm-4.6", "glm-4.5-air"] });
    expect(ready.providers.find((entry) => entry.provider === "claude")?.ids).toEqual(["claude/claude-opus-4-7"]);
    const tags = (await ollama.list()).models.map((model) => model.name);
    expect(tags).toEqual(expect.arrayContaining(["glm-4.6:latest", "qwen3:8b"]));
    // The name Ollama clients list is one they can use.
    expect((await ollama.chat({ model: "glm-4.6:latest", messages: [{ role: "user", content: "hi" }], stream: false })).message.content).toContain("(model=glm-4.6)");
  });

  test("a provider's error keeps its status and message in the caller's dialect", async () => {
    const error = await anthropic.messages.create({ model: "oa/gpt-4o-mini", max_tokens: 64, messages: [{ role: "user", content: "[[status:503]]" }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(503);
  });
});
