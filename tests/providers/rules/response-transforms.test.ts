import { describe, expect, test } from "bun:test";
import { transformEventStream } from "../../../src/providers/upstream/event-transform.ts";
import { compileBodyTransforms } from "../../../src/providers/rules/index.ts";

const MULTI_BYTE = "日本語 👋 héllo";

describe("response transforms: a whole JSON answer", () => {
  const transforms = compileBodyTransforms({ response: [{ regex: "GLM", replace: "the model", flags: "g" }, { drop: "$.usage.prompt_tokens_details" }] });

  test("rewrites the answer's text and applies the paths, in place", () => {
    const answer: Record<string, unknown> = {
      id: "GLM-1",
      object: "chat.completion",
      model: "GLM-4.6",
      choices: [{ index: 0, message: { role: "assistant", content: "I am GLM, GLM says hi" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 1, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 0 } },
    };
    expect(transforms.response(answer)).toBe(true);
    expect(answer).toEqual({
      id: "GLM-1",
      object: "chat.completion",
      model: "GLM-4.6",
      choices: [{ index: 0, message: { role: "assistant", content: "I am the model, the model says hi" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 1, completion_tokens: 2 },
    });
  });

  test("an answer that is not an object or a list is left alone", () => {
    for (const answer of [null, "GLM", 3, true]) expect(transforms.response(answer)).toBe(false);
  });
});

describe("response transforms: one stream event at a time", () => {
  const transforms = compileBodyTransforms({ response: [{ regex: "GLM", replace: "the model", flags: "g" }, { drop: "$.usage" }, { set: "$.system_fingerprint", value: "relay" }] });

  test("the text delta of each dialect's event is rewritten", () => {
    const rewrite = transforms.createEventTransform();
    const rewritten = (event: object) => JSON.parse(rewrite(JSON.stringify(event)));
    expect(rewritten({ object: "chat.completion.chunk", model: "GLM", choices: [{ delta: { content: "GLM here" } }] }).choices[0].delta.content).toBe("the model here");
    expect(rewritten({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "GLM here" } }).delta.text).toBe("the model here");
    expect(rewritten({ type: "response.output_text.delta", item_id: "i", delta: "GLM here" }).delta).toBe("the model here");
    expect(rewritten({ model: "GLM", message: { role: "assistant", content: "GLM here" }, done: false })).toMatchObject({ model: "GLM", message: { content: "the model here" } });
  });

  test("JSONPath rules apply per event", () => {
    const rewrite = transforms.createEventTransform();
    expect(JSON.parse(rewrite('{"choices":[],"usage":{"total_tokens":3}}'))).toEqual({ choices: [], system_fingerprint: "relay" });
  });

  test("an event no transform changed, and text that is not JSON, come back byte for byte", () => {
    const rewrite = compileBodyTransforms({ response: [{ regex: "GLM", replace: "the model" }] }).createEventTransform();
    const untouched = '{"choices":[{"delta":{"content":"h\\u00e9llo"}}],  "n": 1.0}';
    expect(rewrite(untouched)).toBe(untouched);
    for (const text of ["[DONE]", "", "not json", '"GLM"', "42"]) expect(rewrite(text)).toBe(text);
  });
});

describe("response transforms: multi-byte text", () => {
  const unicode = compileBodyTransforms({ response: [{ regex: "[語é👋]", replace: "_", flags: "gu" }] });

  test("a u-flag class matches a CJK character, an accented letter and an emoji as whole code points", () => {
    const rewrite = unicode.createEventTransform();
    const out = rewrite(JSON.stringify({ delta: { text: MULTI_BYTE } }));
    expect(JSON.parse(out).delta.text).toBe("日本_ _ h_llo");
    // Still well-formed UTF-8 once encoded: no half of a surrogate pair left behind.
    expect(new TextDecoder("utf-8", { fatal: true }).decode(new TextEncoder().encode(out))).toBe(out);
  });

  test("without u, the same class would split the emoji's surrogate pair; with u, `.` is one emoji", () => {
    expect("👋".replace(/[👋]/g, "_")).toBe("__");
    const dot = compileBodyTransforms({ response: [{ regex: "^.", replace: "*", flags: "u" }] }).createEventTransform();
    expect(JSON.parse(dot(JSON.stringify({ text: "👋 hi" }))).text).toBe("* hi");
  });

  test("through the relay's event stream, with every character split across network chunks", async () => {
    const events = [{ delta: { text: MULTI_BYTE } }, { delta: { text: "👋👋" } }].map((event) => `event: delta\ndata: ${JSON.stringify(event)}\n\n`).join("") + "data: [DONE]\n\n";
    const bytes = new TextEncoder().encode(events);
    // One byte per chunk: every multi-byte character arrives in pieces.
    const upstream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const text = await new Response(transformEventStream(upstream, "sse", unicode.createEventTransform())).text();
    expect(text).toBe('event: delta\ndata: {"delta":{"text":"日本_ _ h_llo"}}\n\nevent: delta\ndata: {"delta":{"text":"__"}}\n\ndata: [DONE]\n\n');
  });

  test("an NDJSON line (Ollama) keeps its multi-byte text intact", async () => {
    const line = `${JSON.stringify({ model: "m", message: { role: "assistant", content: `${MULTI_BYTE} GLM` }, done: false })}\n`;
    const glm = compileBodyTransforms({ response: [{ regex: "GLM", replace: "模型" }] });
    const bytes = new TextEncoder().encode(line);
    // Cut inside 日 (three bytes in UTF-8).
    const cut = new TextEncoder().encode(line.slice(0, line.indexOf("日"))).length + 1;
    const upstream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, cut));
        controller.enqueue(bytes.slice(cut));
        controller.close();
      },
    });
    const text = await new Response(transformEventStream(upstream, "ndjson", glm.createEventTransform())).text();
    expect(JSON.parse(text).message.content).toBe(`${MULTI_BYTE} 模型`);
  });
});
