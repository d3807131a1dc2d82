import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { startFakeUpstream, type FakeUpstream } from "./index";
import {
  BASH_TOOL, copilotToken, decodeAll, endsMidCharacter, messagesRequest, postJson, bearer, rawChunks, sseFrames,
  userMsg, waitFor, type Json,
} from "./test-helpers";

const up: FakeUpstream = await startFakeUpstream();
const MODEL = "claude-sonnet-4.5";
const HELLO = `Hello from ${MODEL}! héllo 👋 — 你好`;
const READ_TOOL = { name: "Read", input_schema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] } };
let token = "";
afterAll(() => up.stop());
beforeEach(async () => {
  up.reset();
  up.options = {};
  token = await copilotToken(up);
});

async function send(body: Json, extra: Record<string, string> = {}) {
  return postJson(`${up.copilotUrl}/v1/messages`, { model: MODEL, max_tokens: 100, ...body }, bearer(token, extra));
}

async function stream(body: Json): Promise<{ chunks: Uint8Array[]; frames: { event: string | undefined; data: string }[] }> {
  const res = await messagesRequest(up, token, { model: MODEL, max_tokens: 100, stream: true, ...body });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toStartWith("text/event-stream");
  const chunks = await rawChunks(res);
  return { chunks, frames: sseFrames(decodeAll(chunks)) };
}

/** Parsed JSON events (without the trailing [DONE]); checks every `event:` name matches its data's type. */
function events(frames: { event: string | undefined; data: string }[]): Json[] {
  const named = frames.filter((f) => f.event !== undefined);
  for (const f of named) expect(JSON.parse(f.data).type).toBe(f.event);
  return named.map((f) => JSON.parse(f.data) as Json);
}

describe("POST /v1/messages (non-streaming)", () => {
  test("exact Anthropic message for the default reply", async () => {
    const { status, body } = await send({ messages: [userMsg("hi")] });
    expect(status).toBe(200);
    expect(body.id).toMatch(/^msg_/);
    expect(body).toEqual({
      id: body.id,
      type: "message",
      role: "assistant",
      model: MODEL,
      content: [{ type: "text", text: HELLO }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: expect.any(Number), output_tokens: 7, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    });
  });

  test("thinking first, chunks and max_tokens", async () => {
    const { body } = await send({ messages: [userMsg("[[reasoning]] [[chunks:3]] [[length]]")] });
    expect(body.content).toEqual([
      { type: "thinking", thinking: "Let me think.", signature: "opaque-sig" },
      { type: "text", text: "tok tok tok " },
    ]);
    expect(body.stop_reason).toBe("max_tokens");
  });

  test("tool_use blocks with unique ids, then a tool_result turn", async () => {
    const ask = userMsg([{ type: "text", text: "<system-reminder>x</system-reminder>" }, { type: "text", text: "[[tools2]]" }]);
    const system = { role: "system", content: "mid-conversation system message, as Claude Code sends" };
    const { body } = await send({ tools: [BASH_TOOL, READ_TOOL], messages: [ask, system] });
    expect(body.stop_reason).toBe("tool_use");
    expect(body.content.map((b: Json) => [b.type, b.name, b.input])).toEqual([
      ["tool_use", "Bash", { command: "echo hi" }],
      ["tool_use", "Read", { path: "x" }],
    ]);
    const ids = body.content.map((b: Json) => b.id as string);
    expect(ids[0]).toMatch(/^toolu_/);
    expect(new Set(ids).size).toBe(2);
    expect((await send({ tools: [BASH_TOOL], messages: [userMsg("[[tool]]")] })).body.content[0].id).not.toBe(ids[0]);

    const results = [
      { type: "tool_result", tool_use_id: ids[0], content: [{ type: "text", text: "hi" }, { type: "text", text: "!" }] },
      { type: "tool_result", tool_use_id: ids[1], content: "second", is_error: false },
    ];
    const turn = [ask, { role: "assistant", content: body.content }, userMsg(results)];
    expect((await send({ messages: turn })).body.content).toEqual([{ type: "text", text: "Tool said: hi!" }]);
    const mixed = [ask, { role: "assistant", content: body.content }, userMsg([results[1], { type: "text", text: "[[chunks:1]]" }])];
    expect((await send({ messages: mixed })).body.content).toEqual([{ type: "text", text: "tok " }]);
  });
});

describe("POST /v1/messages (streaming)", () => {
  test("exact event sequence, a split character, and Copilot's trailing data: [DONE]", async () => {
    const { chunks, frames } = await stream({ messages: [userMsg("hi")] });
    expect(chunks.some(endsMidCharacter)).toBe(true);
    expect(decodeAll(chunks)).not.toContain("\uFFFD");
    expect(frames.at(-1)).toEqual({ event: undefined, data: "[DONE]" });
    const evs = events(frames.slice(0, -1));
    expect(evs.map((e) => e.type)).toEqual([
      "message_start", "ping", "content_block_start", ...Array(7).fill("content_block_delta"), "content_block_stop",
      "message_delta", "message_stop",
    ]);
    expect(evs[0].message).toMatchObject({ type: "message", role: "assistant", model: MODEL, content: [], stop_reason: null, stop_sequence: null });
    expect(evs[0].message.usage).toMatchObject({ output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
    expect(evs[2]).toEqual({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } });
    expect(evs.filter((e) => e.delta?.type === "text_delta").map((e) => e.delta.text).join("")).toBe(HELLO);
    expect(evs.at(-2)).toEqual({ type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 7 } });
  });

  test("thinking with signature_delta, then tool_use with input_json_delta in pieces", async () => {
    const { frames } = await stream({ tools: [BASH_TOOL], messages: [userMsg("[[reasoning]] [[tool]]")] });
    const evs = events(frames.slice(0, -1));
    const starts = evs.filter((e) => e.type === "content_block_start");
    expect(starts.map((s) => [s.index, s.content_block.type])).toEqual([[0, "thinking"], [1, "tool_use"]]);
    expect(starts[0].content_block).toEqual({ type: "thinking", thinking: "", signature: "" });
    expect(starts[1].content_block).toMatchObject({ name: "Bash", input: {} });
    const deltas = (i: number) => evs.filter((e) => e.type === "content_block_delta" && e.index === i).map((e) => e.delta);
    expect(deltas(0)).toEqual([
      { type: "thinking_delta", thinking: "Let me " },
      { type: "thinking_delta", thinking: "think." },
      { type: "signature_delta", signature: "opaque-sig" },
    ]);
    const json = deltas(1).map((d: Json) => { expect(d.type).toBe("input_json_delta"); return d.partial_json as string; });
    expect(json.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(json.join(""))).toEqual({ command: "echo hi" });
    expect(evs.filter((e) => e.type === "content_block_stop").map((e) => e.index)).toEqual([0, 1]);
    expect(evs.at(-2).delta.stop_reason).toBe("tool_use");
  });

  test("[[length]] streams stop_reason max_tokens", async () => {
    const evs = events((await stream({ messages: [userMsg("[[chunks:2]] [[length]]")] })).frames.slice(0, -1));
    expect(evs.at(-2).delta.stop_reason).toBe("max_tokens");
    expect(evs.filter((e) => e.delta?.type === "text_delta")).toHaveLength(2);
  });

  test("[[midstream-error]] breaks after two text deltas; [[slow]] cancellations are counted", async () => {
    const res = await messagesRequest(up, token, { model: MODEL, stream: true, messages: [userMsg("[[midstream-error]]")] });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let failed = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      failed = true;
    }
    expect(failed).toBe(true);
    expect(text).not.toContain("message_stop");
    expect(events(sseFrames(text)).filter((e) => e.delta?.type === "text_delta")).toHaveLength(2);

    const slow = await messagesRequest(up, token, { model: MODEL, stream: true, messages: [userMsg("[[slow]]")] });
    const slowReader = slow.body!.getReader();
    await slowReader.read();
    await slowReader.cancel();
    await waitFor(() => up.cancelledStreams === 1);
    expect(up.cancelledStreams).toBe(1);
  });
});
