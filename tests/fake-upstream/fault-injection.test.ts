import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { connect } from "node:net";
import { startFakeUpstream, type FakeUpstream } from "./index";
import {
  bearer, chatRequest, copilotToken, messagesRequest, readUntilEnd, responsesRequest, sseChunks, sseFrames, userMsg,
  waitFor, type Json,
} from "./test-helpers";

const up: FakeUpstream = await startFakeUpstream();
const token = await copilotToken(up);
const CHAT = "/copilot/chat/completions";
const HELLO = "Hello from gpt-4.1! héllo 👋 — 你好";
afterAll(() => up.stop());
beforeEach(() => {
  up.reset();
  up.options = {};
});

const chat = (stream: boolean): Json => ({ model: "gpt-4.1", stream, messages: [userMsg("hi")] });
const claude = (stream: boolean): Json => ({
  model: "claude-sonnet-4", max_tokens: 100, stream, messages: [userMsg("hi")],
});
const responses = (stream: boolean): Json => ({ model: "gpt-5-mini", stream, input: "hi" });

/** What fetch did: its error code, or the response. */
async function attempt(run: () => Promise<Response>): Promise<{ error?: string; res?: Response }> {
  try {
    return { res: await run() };
  } catch (err) {
    return { error: (err as { code?: string }).code ?? String(err) };
  }
}

/** Raw bytes a plain TCP client receives for one HTTP request before the connection ends. */
function rawExchange(port: number, path: string): Promise<{ bytes: number; ended: string }> {
  return new Promise((resolve) => {
    let bytes = 0;
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}`);
    });
    socket.on("data", (chunk) => {
      bytes += chunk.length;
    });
    socket.on("error", (err) => resolve({ bytes, ended: (err as { code?: string }).code ?? "error" }));
    socket.on("close", () => resolve({ bytes, ended: "close" }));
  });
}

/** Resolves "pending" when the reader has nothing for `ms`; the read stays queued on the reader. */
async function nextOrPending(reader: { read(): Promise<{ done: boolean }> }, ms: number): Promise<unknown> {
  return Promise.race([reader.read().then((r) => (r.done ? "done" : "data")), Bun.sleep(ms).then(() => "pending")]);
}

describe("reset-before-headers", () => {
  test("the client's fetch fails with a connection reset and no byte arrives, on any path", async () => {
    up.inject({ path: CHAT, kind: "reset-before-headers" });
    expect(await attempt(() => chatRequest(up, token, chat(true)))).toEqual({ error: "ECONNRESET" });
    up.inject({ path: "/copilot_internal/v2/token", kind: "reset-before-headers" });
    const port = Number(new URL(up.url).port);
    const raw = await rawExchange(port, "/copilot_internal/v2/token");
    expect(raw.bytes).toBe(0);
    expect(["ECONNRESET", "close"]).toContain(raw.ended);
  });

  test("is consumed per request: the first resets, the second succeeds", async () => {
    up.inject({ path: CHAT, kind: "reset-before-headers", times: 2 });
    expect((await attempt(() => chatRequest(up, token, chat(false)))).error).toBe("ECONNRESET");
    expect((await attempt(() => chatRequest(up, token, chat(false)))).error).toBe("ECONNRESET");
    const res = await chatRequest(up, token, chat(false));
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).choices[0].message.content).toBe(HELLO);
    expect(up.find(CHAT).length).toBe(3);
  });

  test("delayMs holds the reset back", async () => {
    up.inject({ path: CHAT, kind: "reset-before-headers", delayMs: 50 });
    const started = Date.now();
    expect((await attempt(() => chatRequest(up, token, chat(true)))).error).toBe("ECONNRESET");
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe("reset-mid-stream", () => {
  test("a chat stream sends its headers and 3 events, then the connection breaks", async () => {
    up.inject({ path: CHAT, kind: "reset-mid-stream" });
    const res = await chatRequest(up, token, chat(true));
    expect([res.status, res.headers.get("content-type")]).toEqual([200, "text/event-stream; charset=utf-8"]);
    const { text, failed } = await readUntilEnd(res);
    expect(failed).toBe(true);
    const chunks = sseChunks(text);
    expect(chunks.length).toBe(3);
    expect(chunks.map((c) => c.choices[0].delta.content)).toEqual(["", "Hello", " from"]);
    expect(text).not.toContain("[DONE]");
  });

  test("Messages and Responses streams break in their own event shapes after `events` events", async () => {
    up.inject({ path: "/copilot/v1/messages", kind: "reset-mid-stream", events: 4 });
    const messages = await readUntilEnd(await messagesRequest(up, token, claude(true)));
    expect(messages.failed).toBe(true);
    expect(sseFrames(messages.text).map((f) => f.event)).toEqual([
      "message_start", "ping", "content_block_start", "content_block_delta",
    ]);
    up.inject({ path: "/copilot/responses", kind: "reset-mid-stream", events: 2 });
    const answer = await readUntilEnd(await responsesRequest(up, token, responses(true)));
    expect(answer.failed).toBe(true);
    expect(sseFrames(answer.text).map((f) => f.event)).toEqual(["response.created", "response.in_progress"]);
  });

  test("a non-streamed answer breaks after half its JSON; the next request is whole", async () => {
    up.inject({ path: CHAT, kind: "reset-mid-stream" });
    const broken = await readUntilEnd(await chatRequest(up, token, chat(false)));
    expect(broken.failed).toBe(true);
    expect(broken.text.startsWith('{"id":"chatcmpl-')).toBe(true);
    expect(() => JSON.parse(broken.text)).toThrow();
    const whole = await chatRequest(up, token, chat(false));
    expect(((await whole.json()) as Json).choices[0].message.content).toBe(HELLO);
  });
});

describe("stall", () => {
  test("headers and one event, then nothing until the client leaves, which is counted", async () => {
    up.inject({ path: CHAT, kind: "stall" });
    const res = await chatRequest(up, token, chat(true));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(sseChunks(new TextDecoder().decode(first.value)).length).toBe(1);
    expect(await nextOrPending(reader, 300)).toBe("pending");
    expect(up.cancelledStreams).toBe(0);
    await reader.cancel();
    await waitFor(() => up.cancelledStreams === 1);
    expect(up.cancelledStreams).toBe(1);
  });

  test("an aborted fetch of a stalled Messages stream is counted too", async () => {
    up.inject({ path: "/copilot/v1/messages", kind: "stall", events: 2 });
    const controller = new AbortController();
    const res = await fetch(`${up.copilotUrl}/v1/messages`, {
      method: "POST",
      signal: controller.signal,
      headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", ...bearer(token) },
      body: JSON.stringify(claude(true)),
    });
    const reader = res.body!.getReader();
    let text = "";
    while (sseFrames(text).length < 2) text += new TextDecoder().decode((await reader.read()).value);
    expect(sseFrames(text).map((f) => f.event)).toEqual(["message_start", "ping"]);
    controller.abort();
    await waitFor(() => up.cancelledStreams === 1);
    expect(up.cancelledStreams).toBe(1);
  });
});

describe("drip", () => {
  test("a complete, valid stream whose events arrive intervalMs apart", async () => {
    up.inject({ path: CHAT, kind: "drip", intervalMs: 60, pieces: 3 });
    const started = Date.now();
    const { text, failed } = await readUntilEnd(await chatRequest(up, token, chat(true)));
    const elapsed = Date.now() - started;
    expect(failed).toBe(false);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    const chunks = sseChunks(text);
    expect(chunks.map((c) => c.choices[0].delta.content ?? "").join("")).toBe("tok tok tok ");
    // role, 3 pieces, finish, [DONE]: 6 events, 5 pauses.
    expect(elapsed).toBeGreaterThanOrEqual(5 * 60 - 10);
  });

  test("a non-streamed Responses answer arrives in pieces and parses whole", async () => {
    up.inject({ path: "/copilot/responses", kind: "drip", intervalMs: 20 });
    const started = Date.now();
    const res = await responsesRequest(up, token, responses(false));
    const body = (await res.json()) as Json;
    expect(Date.now() - started).toBeGreaterThanOrEqual(7 * 20 - 10);
    expect(body.status).toBe("completed");
    expect(body.output[0].content[0].text).toBe("Hello from gpt-5-mini! héllo 👋 — 你好");
  });
});

describe("huge", () => {
  test("a non-streamed chat completion whose content is exactly `bytes` long (20 MB)", async () => {
    up.inject({ path: CHAT, kind: "huge", bytes: 20_000_000 });
    const res = await chatRequest(up, token, chat(false));
    const body = (await res.json()) as Json;
    expect(body.choices[0].message.content.length).toBe(20_000_000);
    expect(body.choices[0].finish_reason).toBe("stop");
  });

  test("a chat stream of many events whose text adds up to exactly `bytes`", async () => {
    up.inject({ path: CHAT, kind: "huge", bytes: 5_000_001 });
    const { text, failed } = await readUntilEnd(await chatRequest(up, token, chat(true)));
    expect(failed).toBe(false);
    const contents = sseChunks(text).map((c) => (c.choices[0]?.delta.content as string | undefined) ?? "");
    expect(contents.filter((c) => c.length > 0).length).toBe(Math.ceil(5_000_001 / 16_384));
    expect(contents.join("").length).toBe(5_000_001);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  test("Messages and Responses answers in their own shapes", async () => {
    up.inject({ path: "/copilot/v1/messages", kind: "huge", bytes: 1_000_000 });
    const message = (await (await messagesRequest(up, token, claude(false))).json()) as Json;
    expect(message.content[0].text.length).toBe(1_000_000);
    up.inject({ path: "/copilot/responses", kind: "huge", bytes: 1_000_000 });
    const { text } = await readUntilEnd(await responsesRequest(up, token, responses(true)));
    const deltas = sseFrames(text).filter((f) => f.event === "response.output_text.delta");
    expect(deltas.map((f) => (JSON.parse(f.data) as Json).delta).join("").length).toBe(1_000_000);
    expect(sseFrames(text).at(-1)?.event).toBe("response.completed");
  });
});

describe("no-headers-delay", () => {
  test("waits delayMs before any header, then gives the normal answer", async () => {
    up.inject({ path: CHAT, kind: "no-headers-delay", delayMs: 80 });
    const started = Date.now();
    const res = await chatRequest(up, token, chat(false));
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect(((await res.json()) as Json).choices[0].message.content).toBe(HELLO);
    // The normal answer keeps the fake's checks.
    up.inject({ path: CHAT, kind: "no-headers-delay", delayMs: 10 });
    expect((await chatRequest(up, "not-a-token", chat(false))).status).toBe(401);
  });

  test("a client that leaves during the wait is counted, and the path then answers", async () => {
    up.inject({ path: CHAT, kind: "no-headers-delay", delayMs: 5_000 });
    const controller = new AbortController();
    const pending = fetch(`${up.copilotUrl}${CHAT.slice("/copilot".length)}`, {
      method: "POST",
      signal: controller.signal,
      headers: bearer(token),
      body: JSON.stringify(chat(true)),
    }).catch((err: unknown) => (err as Error).name);
    await waitFor(() => up.find(CHAT).length === 1);
    controller.abort();
    expect(await pending).toBe("AbortError");
    await waitFor(() => up.cancelledStreams === 1);
    expect(up.cancelledStreams).toBe(1);
    expect((await chatRequest(up, token, chat(false))).status).toBe(200);
  });
});

describe("injection rules", () => {
  test("answering faults are refused on paths whose answers the fake cannot shape", () => {
    expect(() => up.inject({ path: "/copilot/embeddings", kind: "huge" })).toThrow(/needs one of/);
    expect(() => up.inject({ path: "/copilot_internal/v2/token", kind: "stall" })).toThrow(/needs one of/);
  });

  test("status faults without a kind keep working as before", async () => {
    up.inject({ path: CHAT, status: 503, body: "busy" });
    up.inject({ path: CHAT, kind: "status", status: 429, headers: { "retry-after": "2" } });
    const first = await chatRequest(up, token, chat(false));
    expect([first.status, await first.text()]).toEqual([503, "busy"]);
    const second = await chatRequest(up, token, chat(false));
    expect([second.status, second.headers.get("retry-after")]).toEqual([429, "2"]);
  });
});
