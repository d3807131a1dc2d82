import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

let relay: RelayHarness;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  relay = await startRelay();
  openai = new OpenAI({ baseURL: `${relay.url}/v1`, apiKey: "unused", maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: relay.url, apiKey: "unused", maxRetries: 0 });
});
afterAll(() => relay.stop());
beforeEach(() => relay.fake.reset());

// gpt-5.1-codex lists only /responses: Chat Completions and Messages clients reach it through translation.
const MODEL = "gpt-5.1-codex";
const REPLY = `Hello from ${MODEL}! héllo 👋 — 你好`;
const responsesRequests = () => relay.fake.find("/copilot/responses");
const bash = { name: "bash", description: "Run a command", parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] } };

describe("Chat Completions on a responses-only model", () => {
  test("non-streaming: translated to /responses and back", async () => {
    const completion = await openai.chat.completions.create({
      model: MODEL,
      max_completion_tokens: 300,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hi" },
      ],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]?.message.content).toBe(REPLY);
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    const sent = responsesRequests()[0]?.json as Record<string, any>;
    expect(sent).toMatchObject({ model: MODEL, instructions: "Be brief.", store: false, max_output_tokens: 300 });
    expect(sent.input).toEqual([{ type: "message", role: "user", content: [{ type: "input_text", text: "hi" }] }]);
    expect(relay.fake.find("/copilot/chat/completions")).toHaveLength(0);
  });

  test("streaming through the openai client, with usage", async () => {
    const stream = await openai.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hi" }], stream: true, stream_options: { include_usage: true } });
    let text = "";
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(REPLY);
    expect(finish).toBe("stop");
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect((responsesRequests()[0]?.json as { stream: boolean }).stream).toBe(true);
  });

  test("a tool-call round trip through /responses", async () => {
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [{ type: "function", function: bash }];
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: "user", content: "[[tool]] list files" }];
    const final = await openai.chat.completions.stream({ model: MODEL, messages, tools }).finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(final.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type === "function" && JSON.parse(call.function.arguments)).toEqual({ command: "echo hi" });
    messages.push(final.choices[0]!.message, { role: "tool", tool_call_id: call!.id, content: "file.txt" });
    const followUp = await openai.chat.completions.create({ model: MODEL, messages, tools });
    expect(followUp.choices[0]?.message.content).toBe("Tool said: file.txt");
    const sent = responsesRequests()[1];
    expect(sent?.headers["x-initiator"]).toBe("agent");
    const input = (sent?.json as { input: Record<string, unknown>[] }).input;
    expect(input.at(-2)).toMatchObject({ type: "function_call", call_id: call!.id, name: "bash" });
    expect(input.at(-1)).toEqual({ type: "function_call_output", call_id: call!.id, output: "file.txt" });
  });
});

describe("Anthropic Messages on a responses-only model", () => {
  test("non-streaming and streaming, through the Anthropic SDK", async () => {
    const message = await anthropic.messages.create({ model: MODEL, max_tokens: 256, messages: [{ role: "user", content: "hi" }] });
    expect(message.content as unknown[]).toEqual([{ type: "text", text: REPLY }]);
    expect(message.stop_reason).toBe("end_turn");
    const final = await anthropic.messages.stream({ model: MODEL, max_tokens: 256, messages: [{ role: "user", content: "hi" }] }).finalMessage();
    expect(final.content as unknown[]).toEqual([{ type: "text", text: REPLY }]);
    expect(final.usage.output_tokens).toBeGreaterThan(0);
    expect(responsesRequests()).toHaveLength(2);
  });
});
