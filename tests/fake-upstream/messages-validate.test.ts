import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { startFakeUpstream, type FakeUpstream } from "./index";
import { BASH_TOOL, bearer, copilotToken, postJson, userMsg, type Json } from "./test-helpers";

const up: FakeUpstream = await startFakeUpstream();
const IMAGE = { type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } };
let token = "";
afterAll(() => up.stop());
beforeEach(async () => {
  up.reset();
  token = await copilotToken(up);
});

function send(body: Json, extra: Record<string, string> = {}) {
  const full = { model: "claude-sonnet-4.5", max_tokens: 100, messages: [userMsg("hi")], ...body };
  return postJson(`${up.copilotUrl}/v1/messages`, full, bearer(token, extra));
}

function invalidBody(message: string) {
  return { status: 400, body: { error: { message, code: "invalid_request_body" } } };
}

describe("POST /v1/messages validation", () => {
  test("model checks", async () => {
    const unknown = await send({ model: "claude-sonnet-4-5-20250929" });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: "model_not_supported" } } });
    expect(typeof unknown.body.error.message).toBe("string");
    expect(await send({ model: "gpt-4.1" })).toMatchObject({ status: 400, body: { error: { code: "unsupported_api_for_model" } } });
    expect((await send({ model: "claude-opus-4.6" })).status).toBe(200);
    expect(await send({ messages: "hi" })).toMatchObject({ status: 400, body: { error: { code: "invalid_request_body" } } });
  });

  test("anthropic-beta: only Copilot's betas pass; the others are listed", async () => {
    const ok = "interleaved-thinking-2025-05-14, context-management-2025-06-27,advanced-tool-use-2025-11-20";
    expect((await send({}, { "anthropic-beta": ok })).status).toBe(200);
    const claudeCode = "claude-code-20250219,interleaved-thinking-2025-05-14,context-1m-2025-08-07";
    expect(await send({}, { "anthropic-beta": claudeCode })).toMatchObject(
      invalidBody("unsupported beta header(s): claude-code-20250219, context-1m-2025-08-07"),
    );
  });

  test("server tools and tools[].strict are refused; custom tools pass", async () => {
    const web = await send({ tools: [BASH_TOOL, { type: "web_search_20250305", name: "web_search", max_uses: 5 }] });
    expect(web).toMatchObject({ status: 400, body: { error: { code: "invalid_request_body" } } });
    expect(web.body.error.message).toContain("web_search_20250305");
    const strict = await send({ tools: [{ ...BASH_TOOL, strict: true }] });
    expect(strict).toMatchObject({ status: 400, body: { error: { code: "invalid_request_body" } } });
    expect(strict.body.error.message).toContain("strict");
    expect((await send({ tools: [{ ...BASH_TOOL, type: "custom" }] })).status).toBe(200);
  });

  test("cache_control with scope or ttl is refused anywhere; plain ephemeral passes", async () => {
    const ephemeral = { type: "ephemeral" };
    const system = [{ type: "text", text: "sys", cache_control: ephemeral }];
    const msg = userMsg([{ type: "text", text: "hi", cache_control: ephemeral }]);
    expect((await send({ system, tools: [{ ...BASH_TOOL, cache_control: ephemeral }], messages: [msg] })).status).toBe(200);

    const scoped = await send({ system: [{ ...system[0], cache_control: { type: "ephemeral", scope: "global" } }] });
    expect(scoped.status).toBe(400);
    expect(scoped.body.error.message).toContain("scope");
    const ttl = await send({ messages: [userMsg([{ type: "text", text: "hi", cache_control: { type: "ephemeral", ttl: "1h" } }])] });
    expect(ttl.status).toBe(400);
    expect(ttl.body.error.message).toContain("ttl");
    expect((await send({ tools: [{ ...BASH_TOOL, cache_control: { type: "ephemeral", ttl: "5m" } }] })).status).toBe(400);
  });

  test("images need copilot-vision-request: true, also inside a tool_result", async () => {
    const missing = invalidBody("missing required Copilot-Vision-Request header for vision requests");
    expect(await send({ messages: [userMsg([{ type: "text", text: "what is this" }, IMAGE])] })).toMatchObject(missing);
    const nested = userMsg([{ type: "tool_result", tool_use_id: "toolu_1", content: [IMAGE] }]);
    expect(await send({ messages: [nested] })).toMatchObject(missing);
    const ok = await send({ messages: [nested] }, { "copilot-vision-request": "true" });
    expect(ok.status).toBe(200);
    expect(ok.body.content).toEqual([{ type: "text", text: "Tool said: " }]);
  });

  test("[[too-long]] gives model_max_prompt_tokens_exceeded on /v1/messages and /chat/completions", async () => {
    const expected = {
      status: 400,
      body: { error: { message: "prompt token count of 210000 exceeds the limit of 200000", code: "model_max_prompt_tokens_exceeded" } },
    };
    expect(await send({ messages: [userMsg("[[too-long]]")] })).toEqual({ ...expected, res: expect.anything() });
    const streamed = await send({ stream: true, messages: [userMsg([{ type: "text", text: "[[too-long]]" }])] });
    expect(streamed).toMatchObject(expected);
    const chat = { model: "gpt-4.1", stream: true, messages: [userMsg("[[too-long]]")] };
    expect(await postJson(`${up.copilotUrl}/chat/completions`, chat, bearer(token))).toMatchObject(expected);
    expect(up.find("/copilot/v1/messages")).toHaveLength(2);
  });
});
