import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { startFakeUpstream, type FakeUpstream } from "./index";
import {
  bearer, chatRequest, copilotToken, decodeAll, DEVICE_GRANT, endsMidCharacter, getJson, GH, postJson,
  rawChunks, SHELL_TOOL, sseChunks, sseData, userMsg, waitFor, type Json,
} from "./test-helpers";

const up: FakeUpstream = await startFakeUpstream();
const HELLO = "Hello from gpt-4.1! héllo 👋 — 你好";
afterAll(() => up.stop());
beforeEach(() => {
  up.reset();
  up.options = {};
});

async function poll(deviceCode: string): Promise<Json> {
  const body = { client_id: "Iv1.b507a08c87ecfe98", device_code: deviceCode, grant_type: DEVICE_GRANT };
  return (await postJson(`${up.url}/login/oauth/access_token`, body)).body;
}
async function newDeviceCode(): Promise<Json> {
  return (await postJson(`${up.url}/login/device/code`, { client_id: "Iv1.b507a08c87ecfe98", scope: "read:user" })).body;
}

describe("device flow", () => {
  test("pending, slow_down, then token; /user accepts it", async () => {
    up.options.deviceFlow = { pendingPolls: 2, slowDownOnPoll: 2 };
    const code = await newDeviceCode();
    expect(code).toMatchObject({ user_code: "ABCD-1234", verification_uri: `${up.url}/login/device`, expires_in: 900, interval: 0 });
    expect((await poll(code.device_code)).error).toBe("authorization_pending");
    expect(await poll(code.device_code)).toMatchObject({ error: "slow_down", interval: 5 });
    expect((await poll(code.device_code)).error).toBe("authorization_pending");
    expect(await poll(code.device_code)).toEqual({ access_token: GH, token_type: "bearer", scope: "read:user" });
    expect((await getJson(`${up.url}/user`, { authorization: `token ${GH}` })).body).toMatchObject({ login: "octocat", id: 1 });
    const bad = await getJson(`${up.url}/user`, { authorization: "token nope" });
    expect(bad).toMatchObject({ status: 401, body: { message: "Bad credentials" } });
  });

  test("form-encoded poll, deny, expire, unknown code, real expiry", async () => {
    up.options.deviceFlow = { pendingPolls: 0, outcome: "deny" };
    const code = await newDeviceCode();
    const form = new URLSearchParams({ client_id: "x", device_code: code.device_code, grant_type: DEVICE_GRANT });
    const res = await fetch(`${up.url}/login/oauth/access_token`, { method: "POST", body: form, headers: { accept: "application/json" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).error).toBe("access_denied");
    up.options.deviceFlow = { pendingPolls: 0, outcome: "expire" };
    expect((await poll((await newDeviceCode()).device_code)).error).toBe("expired_token");
    expect((await poll("no-such-code")).error).toBe("incorrect_device_code");
    up.options.deviceFlow = { expiresIn: 0.05 };
    const short = await newDeviceCode();
    await Bun.sleep(80);
    expect((await poll(short.device_code)).error).toBe("expired_token");
  });
});

describe("GitHub token exchange", () => {
  test("issues unique tokens that expire by wall clock", async () => {
    up.options.tokenLifetimeSeconds = 0.3;
    const a = await getJson(`${up.url}/copilot_internal/v2/token`, { authorization: `token ${GH}` });
    const b = await getJson(`${up.url}/copilot_internal/v2/token`, { authorization: `token ${GH}` });
    expect(a.status).toBe(200);
    expect(a.body.token).toMatch(/^tid=fake;exp=\d+;n=\d+$/);
    expect(a.body.token).not.toBe(b.body.token);
    expect(a.body).toMatchObject({ refresh_in: 1, sku: "copilot_individual", chat_enabled: true });
    expect(a.body.endpoints.api).toBe(up.copilotUrl);
    expect(Object.keys(a.body.endpoints).sort()).toEqual(["api", "origin-tracker", "proxy", "telemetry"]);
    expect(up.tokensIssued).toBe(2);
    expect((await getJson(`${up.copilotUrl}/models`, bearer(a.body.token))).status).toBe(200);
    await Bun.sleep(350);
    const expired = await getJson(`${up.copilotUrl}/models`, bearer(a.body.token));
    expect(expired).toEqual({ status: 401, body: { error: { message: "unauthorized: token expired", code: "token_expired" } } });
    expect((await getJson(`${up.copilotUrl}/models`, bearer("made-up"))).status).toBe(401);
  });

  test("default lifetime and refresh_in", async () => {
    const { body } = await getJson(`${up.url}/copilot_internal/v2/token`, { authorization: `token ${GH}` });
    expect(body.expires_at - Math.floor(Date.now() / 1000)).toBeGreaterThan(1790);
    expect(body.refresh_in).toBe(1500);
  });

  test("refuses personal access tokens with 404 and others with 401", async () => {
    for (const pat of ["ghp_abc", "github_pat_abc"]) {
      const res = await getJson(`${up.url}/copilot_internal/v2/token`, { authorization: `token ${pat}` });
      expect(res).toMatchObject({ status: 404, body: { message: "Not Found" } });
    }
    expect((await getJson(`${up.url}/copilot_internal/v2/token`, { authorization: "token gho_wrong" })).status).toBe(401);
    expect(up.tokensIssued).toBe(0);
  });

  test("usage payload", async () => {
    const { body } = await getJson(`${up.url}/copilot_internal/user`, { authorization: `token ${GH}` });
    expect(body.copilot_plan).toBe("individual");
    expect(body.quota_reset_date).toMatch(/^\d{4}-\d{2}-01$/);
    for (const k of ["chat", "completions", "premium_interactions"]) {
      expect(Object.keys(body.quota_snapshots[k])).toEqual(expect.arrayContaining([
        "entitlement", "remaining", "percent_remaining", "unlimited", "overage_count", "overage_permitted", "quota_id",
      ]));
    }
  });
});

describe("Copilot API", () => {
  let token = "";
  beforeEach(async () => {
    token = await copilotToken(up);
  });

  test("models list", async () => {
    const { body } = await getJson(`${up.copilotUrl}/models`, bearer(token));
    const byId = new Map<string, Json>(body.data.map((m: Json) => [m.id, m]));
    expect(body.object).toBe("list");
    expect(byId.size).toBe(8);
    expect(byId.get("gpt-5.1-codex").supported_endpoints).toEqual(["/responses"]);
    expect("supported_endpoints" in byId.get("gemini-2.5-pro")).toBe(false);
    const sonnet = byId.get("claude-sonnet-4.5");
    expect(sonnet).toMatchObject({ vendor: "Anthropic", object: "model", preview: false, policy: { state: "enabled" } });
    expect(sonnet.billing).toEqual({ is_premium: true, multiplier: 1 });
    expect(sonnet.capabilities).toMatchObject({ type: "chat", object: "model_capabilities", supports: { vision: true, thinking: true, tool_calls: true } });
    expect(sonnet.capabilities.limits.max_context_window_tokens).toBeGreaterThan(0);
    expect(byId.get("gpt-4.1").billing.multiplier).toBe(0);
    expect(byId.get("text-embedding-3-small").capabilities.type).toBe("embeddings");
  });

  test("non-streaming chat, echo, tool result, model errors", async () => {
    const ok = await postJson(`${up.copilotUrl}/chat/completions`, { model: "gpt-4.1", messages: [userMsg("hi")] }, bearer(token));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ object: "chat.completion", model: "gpt-4.1", choices: [{ index: 0, message: { role: "assistant", content: HELLO }, finish_reason: "stop" }] });
    expect(ok.body.id).toMatch(/^chatcmpl-\d+$/);
    expect(ok.body.usage).toMatchObject({ completion_tokens: 7, prompt_tokens_details: { cached_tokens: 0 } });
    expect(ok.body.usage.total_tokens).toBe(ok.body.usage.prompt_tokens + 7);

    const messages = [userMsg([{ type: "text", text: "[[echo]]" }])];
    const echo = await postJson(`${up.copilotUrl}/chat/completions`, { model: "gpt-4.1", messages }, bearer(token));
    expect(JSON.parse(echo.body.choices[0].message.content)).toEqual(messages);

    const toolTurn = [userMsg("go"), { role: "assistant", content: null, tool_calls: [] }, { role: "tool", tool_call_id: "call_1", content: "hi" }];
    const said = await postJson(`${up.copilotUrl}/chat/completions`, { model: "gpt-4.1", messages: toolTurn }, bearer(token));
    expect(said.body.choices[0].message.content).toBe("Tool said: hi");

    const unknown = await postJson(`${up.copilotUrl}/chat/completions`, { model: "gpt-9", messages: [userMsg("hi")] }, bearer(token));
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: "model_not_supported", param: "model", type: "invalid_request_error" } } });
    const codex = await postJson(`${up.copilotUrl}/chat/completions`, { model: "gpt-5.1-codex", messages: [userMsg("hi")] }, bearer(token));
    expect(codex).toMatchObject({ status: 400, body: { error: { code: "unsupported_api_for_model" } } });
  });

  test("chunks, length and reasoning directives", async () => {
    const body = { model: "claude-sonnet-4.5", messages: [userMsg("[[chunks:3]] [[length]] [[reasoning]]")] };
    const res = await postJson(`${up.copilotUrl}/chat/completions`, body, bearer(token));
    expect(res.body.choices[0]).toMatchObject({ finish_reason: "length", message: { content: "tok tok tok ", reasoning_text: "Let me think.", reasoning_opaque: "opaque-sig" } });
    const text = decodeAll(await rawChunks(await chatRequest(up, token, { ...body, stream: true })));
    const deltas = sseChunks(text).map((c) => c.choices[0].delta);
    const firstReasoning = deltas.findIndex((d) => d.reasoning_text !== undefined);
    const firstContent = deltas.findIndex((d) => typeof d.content === "string" && d.content !== "");
    expect(firstReasoning).toBeGreaterThan(-1);
    expect(firstReasoning).toBeLessThan(firstContent);
    expect(deltas.some((d) => d.reasoning_opaque === "opaque-sig")).toBe(true);
  });

  test("streaming: reassembles with a stateful decoder; a network chunk splits a character", async () => {
    const res = await chatRequest(up, token, { model: "gpt-4.1", stream: true, messages: [userMsg("hi")] });
    expect(res.headers.get("content-type")).toStartWith("text/event-stream");
    const chunks = await rawChunks(res);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.some(endsMidCharacter)).toBe(true);
    // 👋 is F0 9F 91 8B: one write ends after F0 9F, the next one starts with 91 8B.
    const splitAt = chunks.findIndex((c, i) => c.at(-2) === 0xf0 && c.at(-1) === 0x9f && chunks[i + 1]?.[0] === 0x91);
    expect(splitAt).toBeGreaterThan(-1);
    const text = decodeAll(chunks);
    expect(text).not.toContain("\uFFFD");
    const data = sseData(text);
    expect(data.at(-1)).toBe("[DONE]");
    const parsed = sseChunks(text);
    expect(parsed[0].choices[0].delta.role).toBe("assistant");
    expect(parsed.every((c) => c.object === "chat.completion.chunk" && !("usage" in c))).toBe(true);
    expect(parsed.map((c) => c.choices[0].delta.content ?? "").join("")).toBe(HELLO);
    expect(parsed.at(-1).choices[0].finish_reason).toBe("stop");
  });

  test("streaming tool calls, parallel calls and include_usage", async () => {
    const body = { model: "gpt-4.1", stream: true, stream_options: { include_usage: true }, tools: [SHELL_TOOL], messages: [userMsg("[[tool]]")] };
    const parsed = sseChunks(decodeAll(await rawChunks(await chatRequest(up, token, body))));
    const usageChunk = parsed.at(-1);
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage.total_tokens).toBe(usageChunk.usage.prompt_tokens + usageChunk.usage.completion_tokens);
    const rest = parsed.slice(0, -1);
    expect(rest.every((c) => c.usage === null)).toBe(true);
    const toolDeltas = rest.flatMap((c) => c.choices[0].delta.tool_calls ?? []);
    expect(toolDeltas[0]).toEqual({ index: 0, id: "call_1", type: "function", function: { name: "shell", arguments: "" } });
    const argPieces = toolDeltas.slice(1).map((t: Json) => t.function.arguments as string);
    expect(argPieces.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(argPieces.join(""))).toEqual({ command: "echo hi" });
    expect(rest.at(-1).choices[0].finish_reason).toBe("tool_calls");

    const two = { ...body, stream: false, tools: [SHELL_TOOL, { type: "function", function: { name: "read", parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] } } }], messages: [userMsg("[[tools2]]")] };
    const res = await postJson(`${up.copilotUrl}/chat/completions`, two, bearer(token));
    expect(res.body.choices[0].finish_reason).toBe("tool_calls");
    expect(res.body.choices[0].message.tool_calls.map((c: Json) => [c.id, c.function.name, c.function.arguments])).toEqual([
      ["call_1", "shell", '{"command":"echo hi"}'],
      ["call_2", "read", '{"path":"x"}'],
    ]);
  });

  test("vision header and gpt-5 max_tokens checks", async () => {
    const image = userMsg([{ type: "text", text: "what is this" }, { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }]);
    const noHeader = await postJson(`${up.copilotUrl}/chat/completions`, { model: "gpt-4.1", messages: [image] }, bearer(token));
    expect(noHeader).toMatchObject({ status: 400, body: { error: { message: "missing required Copilot-Vision-Request header for vision requests", code: "invalid_request_body" } } });
    const withHeader = await postJson(`${up.copilotUrl}/chat/completions`, { model: "gpt-4.1", messages: [image] }, bearer(token, { "copilot-vision-request": "true" }));
    expect(withHeader.status).toBe(200);
    const gpt5 = await postJson(`${up.copilotUrl}/chat/completions`, { model: "gpt-5-mini", max_tokens: 10, messages: [userMsg("hi")] }, bearer(token));
    expect(gpt5.status).toBe(400);
    expect(gpt5.body.error.message).toContain("Use 'max_completion_tokens' instead.");
    const fixed = await postJson(`${up.copilotUrl}/chat/completions`, { model: "gpt-5-mini", max_completion_tokens: 10, messages: [userMsg("hi")] }, bearer(token));
    expect(fixed.status).toBe(200);
  });

  test("injected failures take priority, then the path recovers", async () => {
    up.inject({ path: "/copilot/chat/completions", status: 429, body: { error: { message: "rate limited", code: "rate_limited" } }, headers: { "retry-after": "1" }, times: 2 });
    up.inject({ path: "/copilot_internal/v2/token", status: 500, body: "boom", delayMs: 20 });
    const chat = { model: "gpt-4.1", messages: [userMsg("hi")] };
    for (let i = 0; i < 2; i++) {
      const r = await postJson(`${up.copilotUrl}/chat/completions`, chat, { authorization: "Bearer not-even-valid" });
      expect(r.status).toBe(429);
      expect(r.res.headers.get("retry-after")).toBe("1");
      expect(r.body.error.code).toBe("rate_limited");
    }
    expect((await postJson(`${up.copilotUrl}/chat/completions`, chat, bearer(token))).status).toBe(200);
    const started = Date.now();
    const res = await fetch(`${up.url}/copilot_internal/v2/token`, { headers: { authorization: `token ${GH}` } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect([res.status, res.headers.get("content-type"), await res.text()]).toEqual([500, "text/plain; charset=utf-8", "boom"]);
    expect((await copilotToken(up)).length).toBeGreaterThan(0);
  });

  test("[[slow]] streams are counted as cancelled when the client goes away", async () => {
    const body = { model: "gpt-4.1", stream: true, messages: [userMsg("[[slow]]")] };
    const reader = (await chatRequest(up, token, body)).body!.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    await waitFor(() => up.cancelledStreams === 1);
    expect(up.cancelledStreams).toBe(1);

    const ac = new AbortController();
    const res = await fetch(`${up.copilotUrl}/chat/completions`, { method: "POST", signal: ac.signal, headers: bearer(token), body: JSON.stringify(body) });
    await res.body!.getReader().read();
    ac.abort();
    await waitFor(() => up.cancelledStreams === 2);
    expect(up.cancelledStreams).toBe(2);
    // A stream read to the end is not counted.
    await rawChunks(await chatRequest(up, token, { ...body, messages: [userMsg("[[chunks:2]]")] }));
    await Bun.sleep(20);
    expect(up.cancelledStreams).toBe(2);
  });

  test("[[midstream-error]] breaks the connection after two content chunks", async () => {
    const res = await chatRequest(up, token, { model: "gpt-4.1", stream: true, messages: [userMsg("[[midstream-error]]")] });
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
    expect(text).not.toContain("[DONE]");
    expect(sseChunks(text).filter((c) => c.choices[0].delta.content).length).toBe(2);
  });

  test("embeddings, responses, messages, 404s and recording", async () => {
    const emb = await postJson(`${up.copilotUrl}/embeddings`, { model: "text-embedding-3-small", input: ["a", "b", "a"] }, bearer(token));
    expect(emb.body.data.map((d: Json) => d.index)).toEqual([0, 1, 2]);
    expect(emb.body.data[0].embedding).toHaveLength(8);
    expect(emb.body.data[0].embedding).toEqual(emb.body.data[2].embedding);
    expect(emb.body.data[0].embedding).not.toEqual(emb.body.data[1].embedding);
    const single = await postJson(`${up.copilotUrl}/embeddings`, { model: "text-embedding-3-small", input: "a" }, bearer(token));
    expect(single.body.data[0].embedding).toEqual(emb.body.data[0].embedding);

    const resp = await postJson(`${up.copilotUrl}/responses`, { model: "gpt-5.1-codex", input: "hi" }, bearer(token));
    expect(resp.body).toMatchObject({ object: "response", status: "completed", output: [{ type: "message", role: "assistant" }] });
    const gemini = await postJson(`${up.copilotUrl}/responses`, { model: "gemini-2.5-pro", input: "hi" }, bearer(token));
    expect(gemini.body.error.code).toBe("unsupported_api_for_model");
    const msg = await postJson(`${up.copilotUrl}/v1/messages?beta=true`, { model: "claude-haiku-4.5", max_tokens: 10, messages: [userMsg("hi")] }, bearer(token, { "X-Custom": "Yes" }));
    expect(msg.body).toMatchObject({ type: "message", role: "assistant", stop_reason: "end_turn", content: [{ type: "text" }] });
    expect((await postJson(`${up.copilotUrl}/v1/messages`, { model: "claude-haiku-4.5", messages: [] })).status).toBe(401);

    expect((await getJson(`${up.url}/nope`)).body).toMatchObject({ message: "Not Found" });
    expect((await getJson(`${up.copilotUrl}/nope`, bearer(token))).status).toBe(404);

    const rec = up.last("/copilot/v1/messages");
    expect(rec?.query).toBe("");
    const recorded = up.find("/copilot/v1/messages")[0];
    expect(recorded).toMatchObject({ method: "POST", query: "beta=true", headers: { "x-custom": "Yes" }, json: { model: "claude-haiku-4.5" } });
    expect(up.find("/nope")).toHaveLength(1);
    up.reset();
    expect([up.requests.length, up.tokensIssued, up.cancelledStreams]).toEqual([0, 0, 0]);
  });
});
