import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import OpenAI from "openai";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

let relay: RelayHarness;
let client: OpenAI;

beforeAll(async () => {
  relay = await startRelay();
  client = new OpenAI({ baseURL: `${relay.url}/v1`, apiKey: "unused", maxRetries: 0 });
});
afterAll(() => relay.stop());
beforeEach(() => relay.fake.reset());

// gemini-2.5-pro lists no supported_endpoints: chat only, so every Responses request is translated.
const MODEL = "gemini-2.5-pro";
const REPLY = `Hello from ${MODEL}! héllo 👋 — 你好`;
const chatRequests = () => relay.fake.find("/copilot/chat/completions");
const execTool = {
  type: "function" as const,
  name: "exec_command",
  description: "Run a shell command",
  parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] },
  strict: false,
};

describe("Responses API on a chat-only model (translated through the hub)", () => {
  test("streamed events reach the client while the upstream is still sending, and leaving cancels the upstream", async () => {
    const controller = new AbortController();
    const stream = await client.responses.create({ model: MODEL, input: "[[slow]] hi", stream: true }, { signal: controller.signal });
    const seen: string[] = [];
    await (async () => {
      for await (const event of stream) {
        seen.push(event.type);
        // The first text arrives while the upstream still has most of its answer to send.
        if (event.type === "response.output_text.delta") controller.abort();
      }
    })().catch(() => {});
    expect(seen.slice(0, 2)).toEqual(["response.created", "response.in_progress"]);
    expect(seen.at(-1)).toBe("response.output_text.delta");
    expect(seen).not.toContain("response.completed");
    // Had the relay held the events back until the upstream ended, there would be no open upstream to cancel.
    for (let attempt = 0; attempt < 100 && relay.fake.cancelledStreams === 0; attempt++) await Bun.sleep(20);
    expect(relay.fake.cancelledStreams).toBe(1);
  });

  test("non-streaming: instructions, developer messages and text reach chat; the answer is a Response", async () => {
    const response = await client.responses.create({
      model: MODEL,
      instructions: "Be brief.",
      input: [
        { role: "developer", content: "Answer in English." },
        { role: "user", content: [{ type: "input_text", text: "hi" }] },
      ],
      max_output_tokens: 500,
      temperature: 0.2,
    });
    expect(response.object).toBe("response");
    expect(response.status).toBe("completed");
    expect(response.model).toBe(MODEL);
    expect(response.output_text).toBe(REPLY);
    expect(response.usage?.input_tokens).toBeGreaterThan(0);
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
    const sent = chatRequests()[0]?.json as Record<string, any>;
    expect(sent.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "system", content: "Answer in English." },
      { role: "user", content: "hi" },
    ]);
    expect(sent).toMatchObject({ model: MODEL, max_tokens: 500, temperature: 0.2 });
    expect(relay.fake.find("/copilot/responses")).toHaveLength(0);
  });

  test("streaming: the events Responses clients depend on, in order, with sequence numbers", async () => {
    const stream = client.responses.stream({ model: MODEL, input: "hi" });
    const events: { type: string; sequence_number: number }[] = [];
    let text = "";
    for await (const event of stream) {
      events.push(event);
      if (event.type === "response.output_text.delta") text += event.delta;
    }
    const final = await stream.finalResponse();
    expect(text).toBe(REPLY);
    expect(final.output_text).toBe(REPLY);
    expect(final.usage?.total_tokens).toBeGreaterThan(0);
    const order = events.map((event) => event.type).filter((type, index, all) => type !== all[index - 1]);
    expect(order).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect((chatRequests()[0]?.json as { stream_options?: unknown }).stream_options).toEqual({ include_usage: true });
  });

  test("a function-call round trip keeps the call id; hosted and namespace tools are not sent to chat", async () => {
    const stream = client.responses.stream({
      model: MODEL,
      input: "[[tool]] list files",
      tools: [execTool, { type: "web_search" }, { type: "namespace", name: "mcp__docs", description: "Docs", tools: [] } as never],
      tool_choice: "auto",
    });
    const kinds: string[] = [];
    for await (const event of stream) kinds.push(event.type);
    const first = await stream.finalResponse();
    expect(kinds).toContain("response.function_call_arguments.delta");
    expect(kinds).toContain("response.function_call_arguments.done");
    const call = first.output.find((item) => item.type === "function_call");
    if (call?.type !== "function_call") throw new Error("no function call");
    expect(call.name).toBe("exec_command");
    expect(JSON.parse(call.arguments)).toEqual({ command: "echo hi" });
    const sentTools = (chatRequests()[0]?.json as { tools: { type: string; function: { name: string } }[] }).tools;
    expect(sentTools.map((tool) => tool.function.name)).toEqual(["exec_command"]);
    expect(relay.logs.some((line) => line.type === "debug" && line.text.includes("web_search"))).toBe(true);

    const second = await client.responses.create({
      model: MODEL,
      tools: [execTool],
      input: [
        { role: "user", content: "[[tool]] list files" },
        { type: "function_call", call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: "function_call_output", call_id: call.call_id, output: "file.txt" },
      ],
    });
    expect(second.output_text).toBe("Tool said: file.txt");
    const followUp = chatRequests()[1];
    expect(followUp?.headers["x-initiator"]).toBe("agent");
    const messages = (followUp?.json as { messages: Record<string, any>[] }).messages;
    expect(messages.at(-2)?.tool_calls?.[0]).toMatchObject({ id: call.call_id, function: { name: "exec_command" } });
    expect(messages.at(-1)).toEqual({ role: "tool", tool_call_id: call.call_id, content: "file.txt" });
  });

  test("text.format json_schema becomes response_format; an output limit above the model's is lowered", async () => {
    const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"], additionalProperties: false };
    await client.responses.create({
      model: MODEL,
      input: "hi",
      max_output_tokens: 200_000,
      text: { format: { type: "json_schema", name: "answer", schema, strict: true } },
    });
    const sent = chatRequests()[0]?.json as Record<string, any>;
    expect(sent.response_format).toEqual({ type: "json_schema", json_schema: { name: "answer", schema, strict: true } });
    expect(sent.max_tokens).toBe(64000);
  });

  test("an image input reaches chat as image_url with the vision header", async () => {
    await client.responses.create({
      model: "gpt-4.1",
      input: [{ role: "user", content: [{ type: "input_text", text: "what is this?" }, { type: "input_image", image_url: "data:image/png;base64,iVBORw0KGgo=", detail: "auto" }] }],
    });
    // gpt-4.1 lists /responses, so this one passes through: the header still applies.
    expect(relay.fake.find("/copilot/responses")[0]?.headers["copilot-vision-request"]).toBe("true");
  });

  test("an upstream that breaks mid-stream, or sends a malformed event, ends with response.failed", async () => {
    for (const directive of ["[[midstream-error]]", "[[malformed]]"]) {
      const response = await fetch(`${relay.url}/v1/responses`, { method: "POST", body: JSON.stringify({ model: MODEL, input: directive, stream: true }) });
      const text = await response.text();
      const events = [...text.matchAll(/^data: (.*)$/gm)].map((match) => JSON.parse(match[1]!) as { type: string; response?: { status: string } });
      expect(events.some((event) => event.type === "response.output_text.delta")).toBe(true);
      expect(events.at(-1)?.type).toBe("response.failed");
      expect(events.at(-1)?.response?.status).toBe("failed");
      expect(events.filter((event) => event.type === "response.completed")).toHaveLength(0);
    }
  });

  test("the access log line says the chat upstream was translated", async () => {
    await client.responses.create({ model: MODEL, input: "hi" });
    const line = relay.logs.findLast((entry) => entry.type === "access")?.text ?? "";
    expect(line).toContain(`/v1/responses openai-responses ${MODEL}`);
    expect(line).toContain("via=/chat/completions (translated)");
  });
});

describe("Responses API on a Claude model (chat + messages, no /responses)", () => {
  test("reasoning effort becomes Copilot's thinking budget; thinking streams back as a reasoning summary", async () => {
    const stream = client.responses.stream({ model: "claude-sonnet-4.5", input: "[[reasoning]] think", reasoning: { effort: "medium", summary: "auto" } });
    let summary = "";
    const kinds: string[] = [];
    for await (const event of stream) {
      kinds.push(event.type);
      if (event.type === "response.reasoning_summary_text.delta") summary += event.delta;
    }
    const final = await stream.finalResponse();
    expect(summary).toBe("Let me think.");
    expect(kinds.indexOf("response.reasoning_summary_text.delta")).toBeLessThan(kinds.indexOf("response.output_text.delta"));
    const reasoning = final.output.find((item) => item.type === "reasoning");
    expect(reasoning?.type === "reasoning" && reasoning.encrypted_content).toBe("opaque-sig");
    const sent = chatRequests()[0]?.json as Record<string, unknown>;
    expect(typeof sent.thinking_budget).toBe("number");
    expect(sent.reasoning_effort).toBeUndefined();
  });
});
