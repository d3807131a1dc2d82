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

const chatRequests = () => relay.fake.find("/copilot/chat/completions");

describe("OpenAI Chat Completions through the relay", () => {
  test("non-streaming: the client gets the answer and the upstream gets the client's bytes", async () => {
    const completion = await client.chat.completions.create({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] });
    expect(completion.choices[0]?.message.content).toBe("Hello from gpt-4.1! héllo 👋 — 你好");
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);

    const [upstream] = chatRequests();
    expect(upstream?.json).toEqual({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] });
    expect(upstream?.headers).toMatchObject({
      "x-initiator": "user",
      "openai-intent": "conversation-panel",
      "copilot-integration-id": "vscode-chat",
      "editor-version": "vscode/1.107.0",
    });
    expect(upstream?.headers.authorization).toMatch(/^Bearer tid=fake/);
    expect(upstream?.headers["copilot-vision-request"]).toBeUndefined();
    expect(upstream?.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("streaming: text split mid-character upstream arrives whole", async () => {
    const stream = await client.chat.completions.create({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }], stream: true });
    let text = "";
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe("Hello from gpt-4.1! héllo 👋 — 你好");
    expect(finish).toBe("stop");
    expect((chatRequests()[0]?.json as { stream?: boolean }).stream).toBe(true);
  });

  test("stream bytes are relayed untouched", async () => {
    const body = { model: "gpt-4.1", messages: [{ role: "user", content: "[[chunks:5]]" }], stream: true, stream_options: { include_usage: true } };
    const response = await fetch(`${relay.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify(body) });
    const text = await response.text();
    expect(response.headers.get("content-type")).toStartWith("text/event-stream");
    expect(text.match(/"content":"tok "/g)?.length).toBe(5);
    expect(text).toContain('"usage":{');
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    const direct = await fetch(`${relay.fake.copilotUrl}/chat/completions`, {
      method: "POST",
      headers: { authorization: chatRequests()[0]!.headers.authorization!, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const normalise = (value: string) => value.replace(/"id":"[^"]+"|"created":\d+/g, "");
    expect(normalise(text)).toBe(normalise(await direct.text()));
  });

  test("tool calls stream to the client; the tool-result turn is sent as an agent turn", async () => {
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
      { type: "function", function: { name: "bash", description: "Run a command", parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] } } },
    ];
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: "user", content: "[[tool]] list files" }];
    const runner = client.chat.completions.stream({ model: "gpt-4.1", messages, tools });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(final.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type === "function" && call.function.name).toBe("bash");
    expect(call?.type === "function" && JSON.parse(call.function.arguments)).toEqual({ command: "echo hi" });

    messages.push(final.choices[0]!.message, { role: "tool", tool_call_id: call!.id, content: "file.txt" });
    const followUp = await client.chat.completions.create({ model: "gpt-4.1", messages, tools });
    expect(followUp.choices[0]?.message.content).toBe("Tool said: file.txt");
    const [first, second] = chatRequests();
    expect(first?.headers["x-initiator"]).toBe("user");
    expect(second?.headers["x-initiator"]).toBe("agent");
    expect(second?.headers["openai-intent"]).toBe("conversation-agent");
  });

  test("an image input sets copilot-vision-request", async () => {
    const completion = await client.chat.completions.create({
      model: "gpt-4.1",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "what is this?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          ],
        },
      ],
    });
    expect(completion.choices[0]?.message.content).toContain("Hello");
    expect(chatRequests()[0]?.headers["copilot-vision-request"]).toBe("true");
  });

  test("GPT-5-family models get max_completion_tokens instead of max_tokens; ids are normalised", async () => {
    await client.chat.completions.create({ model: "GPT-5-mini", max_tokens: 50, messages: [{ role: "user", content: "hi" }] });
    const sent = chatRequests()[0]?.json as Record<string, unknown>;
    expect(sent).toMatchObject({ model: "gpt-5-mini", max_completion_tokens: 50 });
    expect(sent.max_tokens).toBeUndefined();
  });

  test("the client leaving aborts the upstream request", async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: "gpt-4.1", messages: [{ role: "user", content: "[[slow]]" }], stream: true },
      { signal: controller.signal },
    );
    let chunks = 0;
    // The SDK may end the iteration quietly or throw an abort error; either way the client is gone.
    await (async () => {
      for await (const _ of stream) if (++chunks === 3) controller.abort();
    })().catch(() => {});
    expect(chunks).toBe(3);
    for (let attempt = 0; attempt < 100 && relay.fake.cancelledStreams === 0; attempt++) await Bun.sleep(20);
    expect(relay.fake.cancelledStreams).toBe(1);
    // The relay logs the request as cancelled.
    for (let attempt = 0; attempt < 50 && !relay.logs.some((line) => line.text.includes(" cancelled ")); attempt++) await Bun.sleep(20);
    expect(relay.logs.some((line) => line.text.includes("/v1/chat/completions openai-chat gpt-4.1") && line.text.includes(" cancelled "))).toBe(true);
  });

  test("an upstream failure mid-stream ends the stream with an error the SDK raises", async () => {
    const stream = await client.chat.completions.create({ model: "gpt-4.1", messages: [{ role: "user", content: "[[midstream-error]]" }], stream: true });
    let text = "";
    const consume = async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    };
    await expect(consume()).rejects.toThrow(/upstream stream failed/i);
    expect(text.length).toBeGreaterThan(0);
  });

  test("a 401 from Copilot refreshes the token once and retries", async () => {
    const before = relay.fake.tokensIssued;
    relay.fake.inject({ path: "/copilot/chat/completions", status: 401, body: { error: { message: "unauthorized: token expired" } } });
    const completion = await client.chat.completions.create({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] });
    expect(completion.choices[0]?.message.content).toContain("Hello");
    expect(relay.fake.tokensIssued).toBe(before + 1);
    const [first, second] = chatRequests();
    expect(first?.headers.authorization).not.toBe(second?.headers.authorization);
  });
});

describe("errors in OpenAI's envelope", () => {
  const post = (path: string, body: string) => fetch(`${relay.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });

  test("validation failure names the field", async () => {
    const response = await post("/v1/chat/completions", JSON.stringify({ model: "gpt-4.1", messages: [{ role: "robot", content: "x" }] }));
    expect(response.status).toBe(400);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ type: "invalid_request_error", param: "messages[0].role" });
    expect(String(body.error.message)).toContain("messages[0].role");

    const missing = (await (await post("/chat/completions", JSON.stringify({ model: "gpt-4.1" }))).json()) as { error: Record<string, unknown> };
    expect(missing.error.param).toBe("messages");
    expect(chatRequests()).toHaveLength(0);
  });

  test("malformed JSON is a 400", async () => {
    const response = await post("/v1/chat/completions", "{\"model\": ");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
  });

  test("an unknown model is a 404 model_not_found listing the closest ids", async () => {
    const error = await client.chat.completions.create({ model: "gpt-4.2", messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    const apiError = error as InstanceType<typeof OpenAI.NotFoundError>;
    expect(apiError.code).toBe("model_not_found");
    expect(apiError.message).toContain("gpt-4.1");
  });

  test("an output limit above the model's maximum is lowered to it", async () => {
    await client.chat.completions.create({ model: "gpt-4.1", max_tokens: 128_000, messages: [{ role: "user", content: "hi" }] });
    expect((chatRequests()[0]?.json as { max_tokens: number }).max_tokens).toBe(16384);
  });

  test("an embeddings model cannot chat: a 400 naming where it is served", async () => {
    const error = (await client.chat.completions.create({ model: "text-embedding-3-small", messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error.status).toBe(400);
    expect(error.code).toBe("unsupported_api_for_model");
  });

  test("upstream errors keep their status, message and retry-after", async () => {
    relay.fake.inject({ path: "/copilot/chat/completions", status: 429, headers: { "retry-after": "7" }, body: { error: { message: "Sorry, you have been rate-limited.", code: "rate_limited" } } });
    const response = await post("/v1/chat/completions", JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toEqual({ error: { message: "Sorry, you have been rate-limited.", type: "rate_limit_error", param: null, code: "rate_limited" } });

    relay.fake.inject({ path: "/copilot/chat/completions", status: 503, body: "upstream overloaded" });
    const plain = await post("/v1/chat/completions", JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] }));
    expect(plain.status).toBe(503);
    expect(((await plain.json()) as { error: { message: string } }).error.message).toBe("upstream overloaded");
  });

  test("unknown routes are a 404 with a request id", async () => {
    const response = await fetch(`${relay.url}/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
  });
});
