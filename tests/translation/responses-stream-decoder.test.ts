import { describe, expect, test } from "bun:test";
import { createSseParser } from "../../src/core/sse-parser.ts";
import type { HubStreamPart } from "../../src/core/hub/index.ts";
import { createResponsesStreamDecoder, createResponsesStreamEncoder } from "../../src/protocols/openai-responses/index.ts";
import { loadFixture, split } from "./helpers.ts";
import { encodeContext, parseResponsesSse, streamProblems } from "./responses-helpers.ts";

const events = (name: string) => loadFixture<Record<string, unknown>[]>(name);

/** Copilot's SSE body for an event list: `event:` lines plus JSON data, as /responses sends it. */
const sseBody = (list: readonly Record<string, unknown>[]) => list.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join("");

/** Upstream bytes (in `pieceSize` pieces) → SSE events → the decoder's hub parts, flushed. */
function decodeBody(body: string, pieceSize: number): HubStreamPart[] {
  const parser = createSseParser();
  const decoder = createResponsesStreamDecoder();
  const parts: HubStreamPart[] = [];
  const feed = (list: { data: string }[]) => {
    for (const event of list) parts.push(...decoder.push(JSON.parse(event.data)));
  };
  for (const piece of split(new TextEncoder().encode(body), pieceSize)) feed(parser.push(piece));
  feed(parser.flush());
  return [...parts, ...decoder.flush()];
}

const decodeAll = (list: readonly unknown[]): HubStreamPart[] => {
  const decoder = createResponsesStreamDecoder();
  return [...list.flatMap((event) => decoder.push(event)), ...decoder.flush()];
};

describe("Copilot /responses stream → hub parts", () => {
  test("decodes reasoning with encrypted content, text and a function call, keyed by output_index", () => {
    expect(decodeAll(events("responses-copilot-stream.json"))).toEqual([
      { type: "message-start", id: "resp_Zk9xQm1pY2tlcg", model: "gpt-5.2-codex" },
      { type: "reasoning-start", id: "reasoning-0" },
      { type: "reasoning-delta", id: "reasoning-0", delta: "**Planning**" },
      { type: "reasoning-delta", id: "reasoning-0", delta: " the listing" },
      { type: "reasoning-signature", id: "reasoning-0", signature: "gAAAAABpX2VuY3J5cHRlZA==" },
      { type: "reasoning-end", id: "reasoning-0" },
      { type: "text-start", id: "text-1" },
      { type: "text-delta", id: "text-1", delta: "Let me " },
      { type: "text-delta", id: "text-1", delta: "look 👀" },
      { type: "text-end", id: "text-1" },
      { type: "tool-call-start", id: "tool-2", toolCallId: "call_9xQ", toolName: "exec_command" },
      // The obfuscated deltas are not passed on: the plaintext arguments of the .done event are.
      { type: "tool-call-delta", id: "tool-2", inputDelta: '{"cmd":["ls","-la"]}' },
      { type: "tool-call-end", id: "tool-2" },
      { type: "message-end", finishReason: "tool-calls", usage: { inputTokens: 5120, outputTokens: 188, cacheReadTokens: 4096, reasoningTokens: 64 } },
    ]);
  });

  test("reads the same parts from the bytes however they are split, even inside an emoji", () => {
    const body = sseBody(events("responses-copilot-stream.json"));
    const whole = decodeBody(body, body.length);
    for (const size of [1, 3, 7, 64]) expect(decodeBody(body, size)).toEqual(whole);
  });

  test("turns response.failed into an error part with the status its code implies", () => {
    expect(decodeAll(events("responses-copilot-failed.json"))).toEqual([
      { type: "message-start", id: "resp_Zk9xQm1pY2tlcg", model: "gpt-5.2-codex" },
      { type: "text-start", id: "text-0" },
      { type: "text-delta", id: "text-0", delta: "Work" },
      { type: "text-end", id: "text-0" },
      { type: "error", error: { status: 429, type: "rate_limit_exceeded", message: "Rate limit reached. Please try again in 20s." } },
    ]);
  });

  test("turns an error event into an error part", () => {
    expect(decodeAll([{ type: "error", code: "context_length_exceeded", message: "Too long", param: null, sequence_number: 0 }])).toEqual([
      { type: "message-start", id: "", model: "" },
      { type: "error", error: { status: 400, type: "context_length_exceeded", message: "Too long" } },
    ]);
    expect(decodeAll([{ type: "error", error: { type: "server_error", message: "boom" } }]).at(-1)).toEqual({
      type: "error",
      error: { status: 500, type: "server_error", message: "boom" },
    });
  });

  test("takes reasoning summaries and text that were not streamed from the finished items", () => {
    const parts = decodeAll([
      { type: "response.created", response: { id: "resp_1", model: "gpt-5.4", usage: null } },
      { type: "response.output_item.added", output_index: 0, item: { type: "reasoning", summary: [] } },
      {
        type: "response.output_item.done",
        output_index: 0,
        item: { type: "reasoning", summary: [{ type: "summary_text", text: "One." }, { type: "summary_text", text: "Two." }], encrypted_content: "enc" },
      },
      { type: "response.output_item.added", output_index: 1, item: { type: "message", content: [] } },
      { type: "response.output_item.done", output_index: 1, item: { type: "message", content: [{ type: "output_text", text: "Done." }] } },
      { type: "response.incomplete", response: { status: "incomplete", incomplete_details: { reason: "max_output_tokens" }, usage: { input_tokens: 3, output_tokens: 9 } } },
    ]);
    expect(parts.slice(1)).toEqual([
      { type: "reasoning-start", id: "reasoning-0" },
      { type: "reasoning-delta", id: "reasoning-0", delta: "One.\n\nTwo." },
      { type: "reasoning-signature", id: "reasoning-0", signature: "enc" },
      { type: "reasoning-end", id: "reasoning-0" },
      { type: "text-start", id: "text-1" },
      { type: "text-delta", id: "text-1", delta: "Done." },
      { type: "text-end", id: "text-1" },
      { type: "message-end", finishReason: "length", usage: { inputTokens: 3, outputTokens: 9 } },
    ]);
  });

  test("sets summary parts apart and keeps parallel calls apart by output_index", () => {
    const parts = decodeAll([
      { type: "response.created", response: { id: "r", model: "m" } },
      { type: "response.reasoning_summary_text.delta", output_index: 0, summary_index: 0, delta: "First." },
      { type: "response.reasoning_summary_text.delta", output_index: 0, summary_index: 1, delta: "Second." },
      { type: "response.output_item.done", output_index: 0, item: { type: "reasoning", summary: [] } },
      { type: "response.output_item.added", output_index: 1, item: { type: "function_call", call_id: "call_A", name: "Glob", arguments: "" } },
      { type: "response.output_item.added", output_index: 2, item: { type: "function_call", call_id: "call_B", name: "Grep", arguments: "" } },
      { type: "response.function_call_arguments.delta", output_index: 2, delta: '{"q":"x"}' },
      { type: "response.function_call_arguments.delta", output_index: 1, delta: '{"p":"*"}' },
      { type: "response.output_item.done", output_index: 2, item: { type: "function_call", call_id: "call_B", name: "Grep", arguments: '{"q":"x"}' } },
      { type: "response.completed", response: { status: "completed", output: [] } },
    ]);
    expect(parts.slice(1)).toEqual([
      { type: "reasoning-start", id: "reasoning-0" },
      { type: "reasoning-delta", id: "reasoning-0", delta: "First." },
      { type: "reasoning-delta", id: "reasoning-0", delta: "\n\n" },
      { type: "reasoning-delta", id: "reasoning-0", delta: "Second." },
      { type: "reasoning-end", id: "reasoning-0" },
      { type: "tool-call-start", id: "tool-1", toolCallId: "call_A", toolName: "Glob" },
      { type: "tool-call-start", id: "tool-2", toolCallId: "call_B", toolName: "Grep" },
      { type: "tool-call-delta", id: "tool-2", inputDelta: '{"q":"x"}' },
      { type: "tool-call-end", id: "tool-2" },
      // No .done came for call_A: its buffered deltas are what there is.
      { type: "tool-call-delta", id: "tool-1", inputDelta: '{"p":"*"}' },
      { type: "tool-call-end", id: "tool-1" },
      { type: "message-end", finishReason: "tool-calls", usage: {} },
    ]);
  });

  test("reads reasoning_text content as reasoning, not as message text", () => {
    const parts = decodeAll([
      { type: "response.created", response: { id: "r", model: "gpt-oss" } },
      { type: "response.output_item.added", output_index: 0, item: { type: "reasoning", summary: [] } },
      { type: "response.content_part.added", output_index: 0, content_index: 0, part: { type: "reasoning_text", text: "" } },
      { type: "response.reasoning_text.delta", output_index: 0, content_index: 0, delta: "Hmm." },
      { type: "response.content_part.done", output_index: 0, content_index: 0, part: { type: "reasoning_text", text: "Hmm." } },
      { type: "response.output_item.done", output_index: 0, item: { type: "reasoning", summary: [], content: [{ type: "reasoning_text", text: "Hmm." }] } },
      { type: "response.completed", response: { status: "completed" } },
    ]);
    expect(parts.slice(1).map((part) => part.type)).toEqual(["reasoning-start", "reasoning-delta", "reasoning-end", "message-end"]);
  });

  test("flush closes open blocks and ends a message the upstream cut off; nothing before response.created is lost", () => {
    const decoder = createResponsesStreamDecoder();
    expect(decoder.flush()).toEqual([]);
    const parts = [
      ...decoder.push({ type: "response.output_text.delta", output_index: 0, content_index: 0, delta: "Hi" }),
      ...decoder.push("not an object"),
      ...decoder.push({ type: "response.some_future_event", output_index: 9 }),
      ...decoder.flush(),
    ];
    expect(parts).toEqual([
      { type: "message-start", id: "", model: "" },
      { type: "text-start", id: "text-0" },
      { type: "text-delta", id: "text-0", delta: "Hi" },
      { type: "text-end", id: "text-0" },
      { type: "message-end", finishReason: "other", usage: {} },
    ]);
    expect(decoder.flush()).toEqual([]);
    expect(decoder.push({ type: "response.output_text.delta", output_index: 0, delta: "late" })).toEqual([]);
  });

  test("normalises Copilot's per-event item ids: re-encoded for a Responses client, every event names one stable id", () => {
    const encoder = createResponsesStreamEncoder(encodeContext({ model: "gpt-5.2-codex", input: "ls" }));
    const text = decodeAll(events("responses-copilot-stream.json")).map((part) => encoder.push(part)).join("") + encoder.flush();
    expect(streamProblems(text)).toEqual([]);
    const completed = parseResponsesSse(text).at(-1)?.data;
    expect(completed?.type).toBe("response.completed");
    expect(completed?.response.output.map((item: any) => item.type)).toEqual(["reasoning", "message", "function_call"]);
    expect(completed?.response.output[0].encrypted_content).toBe("gAAAAABpX2VuY3J5cHRlZA==");
    expect(completed?.response.usage).toMatchObject({ input_tokens: 5120, input_tokens_details: { cached_tokens: 4096 }, output_tokens: 188 });
  });
});
