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

const responsesRequests = () => relay.fake.find("/copilot/responses");
const REPLY = "Hello from gpt-4.1! héllo 👋 — 你好";
const execTool = {
  type: "function" as const,
  name: "exec_command",
  description: "Run a shell command",
  parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"], additionalProperties: false },
  strict: false,
};

describe("Responses API on a model that lists /responses (pass-through)", () => {
  test("non-streaming: the client gets the answer, the upstream gets the client's body", async () => {
    const response = await client.responses.create({ model: "gpt-4.1", input: "hi", instructions: "Be brief." });
    expect(response.output_text).toBe(REPLY);
    expect(response.usage?.input_tokens).toBeGreaterThan(0);
    const [upstream] = responsesRequests();
    expect(upstream?.json).toEqual({ model: "gpt-4.1", input: "hi", instructions: "Be brief." });
    expect(upstream?.headers["x-initiator"]).toBe("user");
    expect(relay.fake.find("/copilot/chat/completions")).toHaveLength(0);
  });

  test("streaming with responses.stream: text deltas, the final response and increasing sequence numbers", async () => {
    const stream = client.responses.stream({ model: "gpt-4.1", input: "hi" });
    const types: string[] = [];
    const sequence: number[] = [];
    let text = "";
    for await (const event of stream) {
      types.push(event.type);
      sequence.push(event.sequence_number);
      if (event.type === "response.output_text.delta") text += event.delta;
    }
    const final = await stream.finalResponse();
    expect(text).toBe(REPLY);
    expect(final.output_text).toBe(REPLY);
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    expect(sequence).toEqual(sequence.map((_, index) => index));
  });

  test("stream bytes are relayed untouched", async () => {
    const body = JSON.stringify({ model: "gpt-4.1", input: "[[chunks:5]]", stream: true });
    const relayed = await (await fetch(`${relay.url}/v1/responses`, { method: "POST", body })).text();
    const direct = await fetch(`${relay.fake.copilotUrl}/responses`, {
      method: "POST",
      headers: { authorization: responsesRequests()[0]!.headers.authorization!, "content-type": "application/json" },
      body,
    });
    const normalise = (value: string) => value.replace(/(resp|msg|rs|fc)_\d+/g, "$1_N").replace(/"created_at":\d+/g, "");
    expect(normalise(relayed)).toBe(normalise(await direct.text()));
    expect(relayed.match(/response\.output_text\.delta/g)?.length).toBeGreaterThanOrEqual(5);
  });

  test("only what Copilot rejects is edited: store, service_tier, custom and hosted tools, input item ids", async () => {
    const response = await client.responses.create({
      model: "gpt-4.1",
      store: true,
      service_tier: "flex",
      input: [
        { type: "message", id: "msg_client_1", role: "user", content: [{ type: "input_text", text: "hi" }] } as never,
        { type: "reasoning", id: "rs_1", summary: [], encrypted_content: "opaque" },
      ],
      tools: [
        execTool,
        { type: "custom", name: "apply_patch", description: "Apply a patch" },
        { type: "web_search" },
        { type: "image_generation" },
      ],
    });
    expect(response.output_text).toBe(REPLY);
    const sent = responsesRequests()[0]?.json as Record<string, any>;
    expect(sent.store).toBe(false);
    expect(sent.service_tier).toBeUndefined();
    expect(sent.tools.map((tool: { type: string; name: string }) => `${tool.type}:${tool.name}`)).toEqual(["function:exec_command", "function:apply_patch"]);
    expect(sent.tools[1].parameters.properties.input.type).toBe("string");
    expect(sent.input[0].id).toBeUndefined();
    expect(sent.input[1].id).toBe("rs_1");
    expect(relay.logs.some((line) => line.type === "debug" && line.text.includes("store"))).toBe(true);
  });

  test("a function-call round trip; the tool-output turn is sent as an agent turn", async () => {
    const first = await client.responses.create({ model: "gpt-4.1", input: "[[tool]] list files", tools: [execTool] });
    const call = first.output.find((item) => item.type === "function_call");
    expect(call?.type === "function_call" && call.name).toBe("exec_command");
    expect(call?.type === "function_call" && JSON.parse(call.arguments)).toEqual({ command: "echo hi" });
    if (call?.type !== "function_call") throw new Error("no call");

    const second = await client.responses.create({
      model: "gpt-4.1",
      tools: [execTool],
      input: [
        { role: "user", content: "[[tool]] list files" },
        { type: "function_call", call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: "function_call_output", call_id: call.call_id, output: "file.txt" },
      ],
    });
    expect(second.output_text).toBe("Tool said: file.txt");
    const [one, two] = responsesRequests();
    expect(one?.headers["x-initiator"]).toBe("user");
    expect(two?.headers["x-initiator"]).toBe("agent");
  });

  test("a reasoning model streams its summary", async () => {
    const stream = client.responses.stream({ model: "gpt-4.1", input: "[[reasoning]] think", reasoning: { effort: "high", summary: "auto" } });
    let summary = "";
    for await (const event of stream) if (event.type === "response.reasoning_summary_text.delta") summary += event.delta;
    const final = await stream.finalResponse();
    expect(summary).toBe("Let me think.");
    expect(final.output.find((item) => item.type === "reasoning")).toBeTruthy();
  });

  test("an upstream that breaks mid-stream ends the client's stream with response.failed", async () => {
    const response = await fetch(`${relay.url}/v1/responses`, { method: "POST", body: JSON.stringify({ model: "gpt-4.1", input: "[[midstream-error]]", stream: true }) });
    const text = await response.text();
    const events = [...text.matchAll(/^data: (.*)$/gm)].map((match) => JSON.parse(match[1]!) as { type: string; response?: { status: string; error?: { message: string } } });
    expect(events.some((event) => event.type === "response.output_text.delta")).toBe(true);
    const last = events.at(-1);
    expect(last?.type).toBe("response.failed");
    expect(last?.response?.status).toBe("failed");
    expect(last?.response?.error?.message).toContain("upstream");
    expect(text.endsWith("\n\n")).toBe(true);
  });

  test("an upstream response.failed reaches the SDK as a failed response", async () => {
    const stream = await client.responses.create({ model: "gpt-4.1", input: "[[failed]]", stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe("response.failed");
  });

  test("an output limit above the model's is lowered to it", async () => {
    await client.responses.create({ model: "gpt-4.1", input: "hi", max_output_tokens: 128_000 });
    expect((responsesRequests()[0]?.json as { max_output_tokens: number }).max_output_tokens).toBe(16384);
  });
});

describe("Responses API errors in OpenAI's shape", () => {
  const post = (body: unknown) => fetch(`${relay.url}/v1/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

  test("bad bodies are 400s naming the field", async () => {
    const missing = await post({ input: "hi" });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { param: string; type: string } }).error).toMatchObject({ param: "model", type: "invalid_request_error" });
    const wrongType = await post({ model: "gpt-4.1", input: 42 });
    expect(wrongType.status).toBe(400);
    const notJson = await post("{");
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
    expect(responsesRequests()).toHaveLength(0);
  });

  test("an unknown model is a 404 model_not_found", async () => {
    const error = await client.responses.create({ model: "gpt-9", input: "hi" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe("model_not_found");
  });

  test("previous_response_id is refused clearly: Copilot keeps no responses", async () => {
    const error = (await client.responses.create({ model: "gpt-4.1", input: "hi", previous_response_id: "resp_1" }).catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error.status).toBe(400);
    expect(error.param).toBe("previous_response_id");
    expect(responsesRequests()).toHaveLength(0);
  });

  test("upstream errors keep their status and message", async () => {
    relay.fake.inject({ path: "/copilot/responses", status: 429, headers: { "retry-after": "3" }, body: { error: { message: "Slow down", code: "rate_limited" } } });
    const response = await post({ model: "gpt-4.1", input: "hi" });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3");
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe("Slow down");
  });

  test("the access log line names the dialect and the upstream path", async () => {
    await client.responses.create({ model: "gpt-4.1", input: "hi" });
    const line = relay.logs.findLast((entry) => entry.type === "access")?.text ?? "";
    expect(line).toContain("/v1/responses openai-responses gpt-4.1 initiator=user");
    expect(line).toContain("via=/responses 200");
  });
});
