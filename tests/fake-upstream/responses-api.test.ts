import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { startFakeUpstream, type FakeUpstream } from "./index";
import {
  bearer, chatRequest, copilotToken, decodeAll, endsMidCharacter, GH, getJson, messagesRequest, postJson, rawChunks,
  readUntilEnd, responsesRequest, sseFrames, userMsg, waitFor, type Json,
} from "./test-helpers";

const up: FakeUpstream = await startFakeUpstream();
const MODEL = "gpt-5.1-codex";
const HELLO = `Hello from ${MODEL}! héllo 👋 — 你好`;
const SHELL = { type: "function", name: "shell", parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] } };
const READ = { type: "function", name: "read", parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] } };
let token = "";
afterAll(() => up.stop());
beforeEach(async () => {
  up.reset();
  up.options = {};
  token = await copilotToken(up);
});

function send(body: Json, extra: Record<string, string> = {}) {
  return postJson(`${up.copilotUrl}/responses`, { model: MODEL, store: false, ...body }, bearer(token, extra));
}

function ask(text: string): Json[] {
  return [{ type: "message", role: "user", content: [{ type: "input_text", text }] }];
}

/** Parsed events of a Responses SSE text; checks each `event:` name matches its data's type. */
function events(text: string): Json[] {
  return sseFrames(text).map((f) => {
    const data = JSON.parse(f.data) as Json;
    expect(data.type).toBe(f.event);
    return data;
  });
}

async function stream(body: Json): Promise<{ chunks: Uint8Array[]; text: string; evs: Json[] }> {
  const res = await responsesRequest(up, token, { model: MODEL, store: false, stream: true, ...body });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toStartWith("text/event-stream");
  const chunks = await rawChunks(res);
  const text = decodeAll(chunks);
  return { chunks, text, evs: events(text) };
}

const types = (evs: Json[]): string[] => evs.map((e) => e.type as string);

describe("POST /responses validation", () => {
  const cases: [string, Json, Record<string, string>, string, string][] = [
    ["store: true", { input: "hi", store: true }, {}, "invalid_request_body", "Store must be set to false"],
    ["service_tier", { input: "hi", service_tier: "flex" }, {}, "unsupported_parameter", "'service_tier'"],
    ["a custom tool", { input: "hi", tools: [SHELL, { type: "custom", name: "apply_patch" }] }, {}, "unsupported_tool_type", "'custom'"],
    ["image_generation", { input: "hi", tools: [{ type: "image_generation" }] }, {}, "unsupported_tool_type", "'image_generation'"],
    ["web_search", { input: "hi", tools: [{ type: "web_search" }] }, {}, "unsupported_tool_type", "'web_search'"],
    ["a namespace tool", { input: "hi", tools: [{ type: "namespace", name: "ns", tools: [SHELL] }] }, {}, "unsupported_tool_type", "'namespace'"],
    ["a message item id", { input: [{ ...ask("hi")[0], id: "msg_old" }] }, {}, "invalid_request_body", "Item with id 'msg_old' not found. Items are not persisted when `store` is set to false."],
    ["a function_call id", { input: [{ type: "function_call", id: "fc_1", call_id: "c", name: "shell", arguments: "{}" }] }, {}, "invalid_request_body", "Item with id 'fc_1' not found."],
    ["a function_call_output id", { input: [{ type: "function_call_output", id: "fco_1", call_id: "c", output: "x" }] }, {}, "invalid_request_body", "Item with id 'fco_1' not found."],
    ["reasoning by id only", { input: [{ type: "reasoning", id: "rs_9", summary: [] }, ...ask("hi")] }, {}, "invalid_request_body", "Item with id 'rs_9' not found."],
    ["previous_response_id", { input: "hi", previous_response_id: "resp_1" }, {}, "previous_response_not_found", "Previous response with id 'resp_1' not found."],
    ["a numeric input", { input: 42 }, {}, "invalid_request_body", "'input'"],
    ["no input", {}, {}, "invalid_request_body", "'input'"],
    ["an image without the vision header", { input: [{ role: "user", content: [{ type: "input_image", image_url: "data:image/png;base64,AA" }] }] }, {}, "invalid_request_body", "Copilot-Vision-Request"],
    ["a prompt over the limit", { input: "[[too-long]]" }, {}, "model_max_prompt_tokens_exceeded", "exceeds the limit"],
    ["a chat-only model", { model: "gemini-2.5-pro", input: "hi" }, {}, "unsupported_api_for_model", "/responses"],
  ];
  for (const [what, body, headers, code, message] of cases) {
    test(`rejects ${what} with a Copilot 400`, async () => {
      const { status, body: error } = await send(body, headers);
      expect(status).toBe(400);
      expect(error.error.code).toBe(code);
      // The prompt-limit body is Copilot's bare {message, code}, as on /chat/completions.
      if (code !== "model_max_prompt_tokens_exceeded") expect(error.error.type).toBe("invalid_request_error");
      expect(error.error.message).toContain(message);
    });
  }

  test("accepts reasoning items carried by value, images with the header, and function tools", async () => {
    const input = [
      { type: "reasoning", id: "rs_1", summary: [], encrypted_content: "enc-1" },
      { role: "user", content: [{ type: "input_image", image_url: "data:image/png;base64,AA" }, { type: "input_text", text: "hi" }] },
    ];
    const { status } = await send({ input, tools: [SHELL] }, { "copilot-vision-request": "true" });
    expect(status).toBe(200);
  });
});

describe("POST /responses (non-streaming)", () => {
  test("a full Response object for the default reply", async () => {
    const { status, body } = await send({ input: "hi", instructions: "Be brief.", reasoning: { effort: "low", summary: "auto" } });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      object: "response", status: "completed", model: MODEL, error: null, incomplete_details: null, store: false,
      instructions: "Be brief.", tools: [], tool_choice: "auto", parallel_tool_calls: true,
      reasoning: { effort: "low", summary: "auto" },
    });
    expect(body.id).toMatch(/^resp_\d+$/);
    expect(body.created_at).toBeNumber();
    const n = body.id.slice("resp_".length);
    expect(body.output).toEqual([{
      id: `msg_${n}`, type: "message", status: "completed", role: "assistant",
      content: [{ type: "output_text", text: HELLO, annotations: [] }],
    }]);
    expect(body.usage).toEqual({
      input_tokens: expect.any(Number), input_tokens_details: { cached_tokens: 0 },
      output_tokens: 7, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: body.usage.input_tokens + 7,
    });
  });

  test("reasoning first, [[chunks:N]], and [[length]] as an incomplete response", async () => {
    const { body } = await send({ input: ask("[[reasoning]] [[chunks:3]] [[length]]") });
    const n = body.id.slice("resp_".length);
    expect(body.status).toBe("incomplete");
    expect(body.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(body.output).toEqual([
      { id: `rs_${n}`, type: "reasoning", summary: [{ type: "summary_text", text: "Let me think." }], encrypted_content: `enc-${n}` },
      { id: `msg_${n}`, type: "message", status: "incomplete", role: "assistant", content: [{ type: "output_text", text: "tok tok tok ", annotations: [] }] },
    ]);
    expect(body.usage.output_tokens_details).toEqual({ reasoning_tokens: 2 });
  });

  test("function_call items for [[tools2]], then `Tool said:` for a function_call_output", async () => {
    const { body } = await send({ input: ask("[[tools2]]"), tools: [SHELL, READ], tool_choice: "auto" });
    expect(body.status).toBe("completed");
    expect(body.tools).toEqual([SHELL, READ]);
    expect(body.output.map((o: Json) => [o.type, o.status, o.name, JSON.parse(o.arguments)])).toEqual([
      ["function_call", "completed", "shell", { command: "echo hi" }],
      ["function_call", "completed", "read", { path: "x" }],
    ]);
    for (const o of body.output) {
      expect(o.id).toMatch(/^fc_/);
      expect(o.call_id).toMatch(/^call_/);
    }
    const again = await send({ input: ask("[[tool]]"), tools: [SHELL] });
    expect(again.body.output[0].call_id).not.toBe(body.output[0].call_id);

    const calls = body.output.map(({ id: _id, status: _status, ...call }: Json) => call);
    const outputs = [
      { type: "function_call_output", call_id: calls[0].call_id, output: "first" },
      { type: "function_call_output", call_id: calls[1].call_id, output: [{ type: "input_text", text: "hi" }, { type: "input_text", text: "!" }] },
    ];
    const turn = await send({ input: [...ask("[[tools2]]"), ...calls, ...outputs], tools: [SHELL, READ] });
    expect(turn.body.output[0].content[0].text).toBe("Tool said: hi!");
  });

  test("[[echo]] repeats the raw input", async () => {
    const input = ask("[[echo]]");
    const { body } = await send({ input });
    expect(JSON.parse(body.output[0].content[0].text)).toEqual(input);
  });

  test("[[midstream-error]] sends half the JSON, then breaks the connection", async () => {
    const res = await responsesRequest(up, token, { model: MODEL, input: "[[midstream-error]]" });
    const { text, failed } = await readUntilEnd(res);
    expect(failed).toBe(true);
    expect(text).toStartWith('{"id":"resp_');
    expect(() => JSON.parse(text)).toThrow();
  });

  test("charges premium for user turns only", async () => {
    const remaining = async () => (await getJson(`${up.url}/copilot_internal/user`, { authorization: `token ${GH}` }))
      .body.quota_snapshots.premium_interactions.quota_remaining as number;
    const before = await remaining();
    await send({ input: "hi" });
    expect(await remaining()).toBe(before - 1);
    await send({ input: "hi" }, { "x-initiator": "agent" });
    expect(await remaining()).toBe(before - 1);
    expect(up.last("/copilot/responses")?.json).toMatchObject({ model: MODEL, input: "hi" });
  });
});

describe("POST /responses (streaming)", () => {
  test("the event order, sequence numbers and final response of reasoning + text", async () => {
    const { chunks, text, evs } = await stream({ input: ask("[[reasoning]] hi") });
    expect(chunks.some(endsMidCharacter)).toBe(true);
    expect(text).not.toContain("\uFFFD");
    expect(text).not.toContain("[DONE]");
    expect(types(evs)).toEqual([
      "response.created", "response.in_progress",
      "response.output_item.added", "response.reasoning_summary_part.added",
      "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
      "response.output_item.added", "response.content_part.added", ...Array(7).fill("response.output_text.delta"),
      "response.output_text.done", "response.content_part.done", "response.output_item.done",
      "response.completed",
    ]);
    expect(evs.map((e) => e.sequence_number)).toEqual(evs.map((_, i) => i));
    expect(evs[0].response).toMatchObject({ object: "response", status: "in_progress", output: [], usage: null });
    const n = evs[0].response.id.slice("resp_".length);
    expect(evs[2].item).toEqual({ id: `rs_${n}`, type: "reasoning", summary: [] });
    expect(evs[3]).toMatchObject({ item_id: `rs_${n}`, output_index: 0, summary_index: 0, part: { type: "summary_text", text: "" } });
    expect(evs[9]).toMatchObject({ output_index: 1, item: { id: `msg_${n}`, type: "message", status: "in_progress", content: [] } });
    expect(evs[10]).toMatchObject({ item_id: `msg_${n}`, output_index: 1, content_index: 0, part: { type: "output_text", text: "" } });
    const deltas = evs.filter((e) => e.type === "response.output_text.delta");
    expect(deltas.map((d) => d.delta).join("")).toBe(HELLO);
    expect(evs.find((e) => e.type === "response.output_text.done").text).toBe(HELLO);
    const done = evs.at(-1).response;
    expect(done).toMatchObject({ id: `resp_${n}`, status: "completed", usage: { output_tokens: 9, output_tokens_details: { reasoning_tokens: 2 } } });
    expect(done.output).toEqual(evs.filter((e) => e.type === "response.output_item.done").map((e) => e.item));
    expect(done.output[0].encrypted_content).toBe(`enc-${n}`);
  });

  test("function calls stream their arguments in pieces", async () => {
    const { evs } = await stream({ input: ask("[[tool]]"), tools: [SHELL] });
    expect(types(evs).slice(2)).toEqual([
      "response.output_item.added", ...Array(types(evs).length - 6).fill("response.function_call_arguments.delta"),
      "response.function_call_arguments.done", "response.output_item.done", "response.completed",
    ]);
    expect(evs[2].item).toMatchObject({ type: "function_call", status: "in_progress", arguments: "", name: "shell" });
    const pieces = evs.filter((e) => e.type === "response.function_call_arguments.delta");
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(pieces.every((p) => p.item_id === evs[2].item.id && p.output_index === 0)).toBe(true);
    expect(JSON.parse(pieces.map((p) => p.delta).join(""))).toEqual({ command: "echo hi" });
    expect(evs.at(-3)).toMatchObject({ name: "shell", arguments: '{"command":"echo hi"}' });
    expect(evs.at(-2).item).toMatchObject({ status: "completed", arguments: '{"command":"echo hi"}', call_id: evs[2].item.call_id });
  });

  test("[[chunks:N]] gives N text deltas; [[length]] ends with response.incomplete", async () => {
    const { evs } = await stream({ input: "[[chunks:3]] [[length]]" });
    expect(evs.filter((e) => e.type === "response.output_text.delta")).toHaveLength(3);
    expect(evs.at(-1)).toMatchObject({ type: "response.incomplete", response: { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } } });
  });

  test("the responsesStreamDone option appends data: [DONE]", async () => {
    up.options = { responsesStreamDone: true };
    const res = await responsesRequest(up, token, { model: MODEL, stream: true, input: "[[chunks:1]]" });
    const frames = sseFrames((await readUntilEnd(res)).text);
    expect(frames.at(-1)).toEqual({ event: undefined, data: "[DONE]" });
    expect(frames.at(-2)?.event).toBe("response.completed");
  });

  test("[[midstream-error]] breaks the connection after two text deltas", async () => {
    const res = await responsesRequest(up, token, { model: MODEL, stream: true, input: "[[midstream-error]]" });
    const { text, failed } = await readUntilEnd(res);
    expect(failed).toBe(true);
    const evs = events(text);
    expect(evs.filter((e) => e.type === "response.output_text.delta")).toHaveLength(2);
    expect(evs.at(-1).type).toBe("response.output_text.delta");
  });

  test("[[failed]] sends response.failed after two text deltas and closes", async () => {
    const res = await responsesRequest(up, token, { model: MODEL, stream: true, input: "[[failed]]" });
    const { text, failed } = await readUntilEnd(res);
    expect(failed).toBe(false);
    const evs = events(text);
    expect(types(evs).slice(-3)).toEqual(["response.output_text.delta", "response.output_text.delta", "response.failed"]);
    expect(evs.map((e) => e.sequence_number)).toEqual(evs.map((_, i) => i));
    expect(evs.at(-1).response).toMatchObject({
      status: "failed", error: { code: "server_error", message: "The model failed mid-stream" },
    });
  });

  test("[[slow]] streams count a client that goes away", async () => {
    const res = await responsesRequest(up, token, { model: MODEL, stream: true, input: "[[slow]]" });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    await waitFor(() => up.cancelledStreams === 1);
    expect(up.cancelledStreams).toBe(1);
  });
});

describe("[[malformed]] streams", () => {
  /** Frames after the last good one must be one unparseable `data:` line; the body closes normally. */
  async function malformed(res: Response): Promise<{ event: string | undefined; data: string }[]> {
    expect(res.status).toBe(200);
    const { text, failed } = await readUntilEnd(res);
    expect(failed).toBe(false);
    const frames = sseFrames(text);
    const last = frames.at(-1)!;
    expect(() => JSON.parse(last.data)).toThrow();
    for (const f of frames.slice(0, -1)) JSON.parse(f.data);
    return frames.slice(0, -1);
  }

  test("on /responses: two text deltas, then half an event", async () => {
    const res = await responsesRequest(up, token, { model: MODEL, stream: true, input: "[[malformed]]" });
    const good = await malformed(res);
    expect(good.filter((f) => f.event === "response.output_text.delta")).toHaveLength(2);
    expect(good.some((f) => f.event === "response.completed")).toBe(false);
  });

  test("on /chat/completions: two content chunks, then half a chunk, no [DONE]", async () => {
    const res = await chatRequest(up, token, { model: "gpt-4.1", stream: true, messages: [userMsg("[[malformed]]")] });
    const good = await malformed(res);
    expect(good.filter((f) => JSON.parse(f.data).choices[0].delta.content)).toHaveLength(2);
    expect(good.some((f) => f.data === "[DONE]")).toBe(false);
  });

  test("on /v1/messages: two text deltas, then half an event", async () => {
    const res = await messagesRequest(up, token, { model: "claude-sonnet-4.5", max_tokens: 10, stream: true, messages: [userMsg("[[malformed]]")] });
    const good = await malformed(res);
    expect(good.filter((f) => JSON.parse(f.data).delta?.type === "text_delta")).toHaveLength(2);
    expect(good.some((f) => f.event === "message_stop")).toBe(false);
  });
});
