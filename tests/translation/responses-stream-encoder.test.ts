import { describe, expect, test } from "bun:test";
import type { HubStreamPart } from "../../src/core/hub/index.ts";
import { createResponsesStreamEncoder } from "../../src/protocols/openai-responses/index.ts";
import { encodeContext, encodeParts, parseResponsesSse, responsesTranscript, streamProblems } from "./responses-helpers.ts";

const start: HubStreamPart = { type: "message-start", id: "chatcmpl-1", model: "claude-sonnet-4.5" };
const end = (usage = { inputTokens: 10, outputTokens: 2 }): HubStreamPart => ({ type: "message-end", finishReason: "stop", usage });

const usageLine = (input: number, cached: number, output: number, reasoning: number) =>
  JSON.stringify({
    input_tokens: input,
    input_tokens_details: { cached_tokens: cached, cache_write_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: input + output,
  });

describe("hub stream → Responses SSE", () => {
  test("streams a text answer as one message item between created and completed", () => {
    const text = encodeParts([
      start,
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Hel" },
      { type: "text-delta", id: "t", delta: "lo" },
      { type: "text-end", id: "t" },
      end(),
    ]);
    expect(responsesTranscript(text)).toEqual([
      "response.created in_progress",
      "response.in_progress in_progress",
      'added 0 message in_progress ""',
      "part added 0",
      'text 0 "Hel"',
      'text 0 "lo"',
      'text done 0 "Hello"',
      'part done 0 "Hello"',
      'done 0 message completed "Hello"',
      `response.completed completed ${usageLine(10, 0, 2, 0)}`,
    ]);
    expect(streamProblems(text)).toEqual([]);
    const [created] = parseResponsesSse(text);
    expect(created?.data.response).toMatchObject({ id: "resp_chatcmpl1", object: "response", model: "gpt-5-codex", output: [], usage: null, store: false });
  });

  test("streams a tool call as a function_call item with argument deltas", () => {
    const text = encodeParts([
      start,
      { type: "tool-call-start", id: "c", toolCallId: "call_A", toolName: "exec_command" },
      { type: "tool-call-delta", id: "c", inputDelta: '{"cmd":' },
      { type: "tool-call-delta", id: "c", inputDelta: '"ls"}' },
      { type: "tool-call-end", id: "c" },
      { type: "message-end", finishReason: "tool-calls", usage: { inputTokens: 50, outputTokens: 9 } },
    ]);
    expect(responsesTranscript(text).slice(2)).toEqual([
      "added 0 function_call in_progress call_A exec_command ",
      'arguments 0 {"cmd":',
      'arguments 0 "ls"}',
      'arguments done 0 {"cmd":"ls"}',
      'done 0 function_call completed call_A exec_command {"cmd":"ls"}',
      `response.completed completed ${usageLine(50, 0, 9, 0)}`,
    ]);
  });

  test("gives two interleaved tool calls their own output indexes and keeps both whole", () => {
    const text = encodeParts([
      start,
      { type: "tool-call-start", id: "a", toolCallId: "call_A", toolName: "Glob" },
      { type: "tool-call-start", id: "b", toolCallId: "call_B", toolName: "Grep" },
      { type: "tool-call-delta", id: "a", inputDelta: '{"pat' },
      { type: "tool-call-delta", id: "b", inputDelta: '{"que' },
      { type: "tool-call-delta", id: "a", inputDelta: 'tern":"*.ts"}' },
      { type: "tool-call-delta", id: "b", inputDelta: 'ry":"TODO"}' },
      { type: "tool-call-end", id: "b" },
      { type: "tool-call-end", id: "a" },
      { type: "message-end", finishReason: "tool-calls", usage: {} },
    ]);
    expect(responsesTranscript(text).slice(2)).toEqual([
      "added 0 function_call in_progress call_A Glob ",
      "added 1 function_call in_progress call_B Grep ",
      'arguments 0 {"pat',
      'arguments 1 {"que',
      'arguments 0 tern":"*.ts"}',
      'arguments 1 ry":"TODO"}',
      'arguments done 1 {"query":"TODO"}',
      'done 1 function_call completed call_B Grep {"query":"TODO"}',
      'arguments done 0 {"pattern":"*.ts"}',
      'done 0 function_call completed call_A Glob {"pattern":"*.ts"}',
      `response.completed completed ${usageLine(0, 0, 0, 0)}`,
    ]);
    expect(streamProblems(text)).toEqual([]);
    const completed = parseResponsesSse(text).at(-1)?.data.response;
    expect(completed.output.map((item: any) => [item.call_id, item.arguments])).toEqual([
      ["call_A", '{"pattern":"*.ts"}'],
      ["call_B", '{"query":"TODO"}'],
    ]);
  });

  test("streams reasoning as a summary and carries the signature as encrypted_content; usage has cached and reasoning tokens", () => {
    const text = encodeParts([
      { ...start, usage: { inputTokens: 900 } },
      { type: "reasoning-start", id: "r" },
      { type: "reasoning-delta", id: "r", delta: "The user greets me." },
      { type: "reasoning-signature", id: "r", signature: "sig-EqQB" },
      { type: "reasoning-end", id: "r" },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Hi!" },
      { type: "text-end", id: "t" },
      { type: "message-end", finishReason: "stop", usage: { outputTokens: 25, cacheReadTokens: 700, reasoningTokens: 12 } },
    ]);
    expect(responsesTranscript(text).slice(2)).toEqual([
      'added 0 reasoning ""',
      "summary added 0",
      'summary 0 "The user greets me."',
      'summary text done 0 "The user greets me."',
      'summary done 0 "The user greets me."',
      'done 0 reasoning "The user greets me." encrypted=sig-EqQB',
      'added 1 message in_progress ""',
      "part added 1",
      'text 1 "Hi!"',
      'text done 1 "Hi!"',
      'part done 1 "Hi!"',
      'done 1 message completed "Hi!"',
      // Input tokens from message-start, the rest from message-end.
      `response.completed completed ${usageLine(900, 700, 25, 12)}`,
    ]);
  });

  test("sends calls to tools the client declared as custom as custom_tool_call items with the free-form input", () => {
    const context = encodeContext({ model: "gpt-5-codex", input: "patch", tools: [{ type: "custom", name: "apply_patch" }] });
    const text = encodeParts(
      [
        start,
        { type: "tool-call-start", id: "p", toolCallId: "call_P", toolName: "apply_patch" },
        { type: "tool-call-delta", id: "p", inputDelta: '{"input":"*** Begin' },
        { type: "tool-call-delta", id: "p", inputDelta: ' Patch"}' },
        { type: "tool-call-end", id: "p" },
        { type: "message-end", finishReason: "tool-calls", usage: {} },
      ],
      context,
    );
    expect(responsesTranscript(text).slice(2, -1)).toEqual([
      'added 0 custom_tool_call call_P apply_patch ""',
      'input 0 "*** Begin Patch"',
      'input done 0 "*** Begin Patch"',
      'done 0 custom_tool_call call_P apply_patch "*** Begin Patch"',
    ]);
  });

  test("ends a length-cut answer with response.incomplete", () => {
    const text = encodeParts([start, { type: "text-delta", id: "t", delta: "Par" }, { type: "message-end", finishReason: "length", usage: { outputTokens: 3 } }]);
    const last = parseResponsesSse(text).at(-1)?.data;
    expect(last).toMatchObject({ type: "response.incomplete", response: { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } } });
    expect(last?.response.output).toEqual([
      { id: "msg_chatcmpl1_0", type: "message", status: "completed", role: "assistant", content: [{ type: "output_text", text: "Par", annotations: [], logprobs: [] }] },
    ]);
  });

  test("turns an error part into response.failed with the items so far, and writes nothing after it", () => {
    const encoder = createResponsesStreamEncoder(encodeContext());
    let text = encoder.push(start) + encoder.push({ type: "text-start", id: "t" }) + encoder.push({ type: "text-delta", id: "t", delta: "Par" });
    text += encoder.push({ type: "error", error: { status: 429, type: "rate_limit_error", message: "Slow down" } });
    expect(encoder.push({ type: "text-delta", id: "t", delta: "more" })).toBe("");
    expect(encoder.flush()).toBe("");
    expect(responsesTranscript(text).slice(-1)).toEqual(["response.failed rate_limit_exceeded: Slow down"]);
    const failed = parseResponsesSse(text).at(-1)?.data.response;
    expect(failed).toMatchObject({ status: "failed", output: [{ type: "message", status: "incomplete", content: [{ text: "Par" }] }] });
    expect(streamProblems(text)).toEqual([]);
  });

  test("flush closes open items and completes a stream that never ended; sequence numbers count from 0", () => {
    const encoder = createResponsesStreamEncoder(encodeContext());
    let text = encoder.push(start);
    text += encoder.push({ type: "text-start", id: "t" }) + encoder.push({ type: "text-delta", id: "t", delta: "Hi" });
    text += encoder.push({ type: "tool-call-start", id: "c", toolCallId: "call_Z", toolName: "noop" });
    text += encoder.flush();
    expect(encoder.flush()).toBe("");
    expect(encoder.push(end())).toBe("");
    expect(responsesTranscript(text).slice(2)).toEqual([
      'added 0 message in_progress ""',
      "part added 0",
      'text 0 "Hi"',
      "added 1 function_call in_progress call_Z noop ",
      'text done 0 "Hi"',
      'part done 0 "Hi"',
      'done 0 message completed "Hi"',
      // A call that streamed no arguments still gets valid JSON.
      "arguments 1 {}",
      "arguments done 1 {}",
      "done 1 function_call completed call_Z noop {}",
      `response.completed completed ${usageLine(0, 0, 0, 0)}`,
    ]);
    expect(parseResponsesSse(text).map(({ data }) => data.sequence_number)).toEqual([...Array(13).keys()]);
    expect(streamProblems(text)).toEqual([]);
  });

  test("a stream with no parts at all still ends well-formed; ping writes nothing", () => {
    const encoder = createResponsesStreamEncoder(encodeContext());
    expect(encoder.ping?.()).toBe("");
    expect(responsesTranscript(encoder.flush())).toEqual([
      "response.created in_progress",
      "response.in_progress in_progress",
      `response.completed completed ${usageLine(0, 0, 0, 0)}`,
    ]);
  });

  test("repairs hub streams that break the rules instead of failing", () => {
    const text = encodeParts([
      start,
      { type: "text-delta", id: "t", delta: "no start" },
      { type: "tool-call-delta", id: "ghost", inputDelta: "{}" },
      { type: "text-end", id: "t" },
      { type: "reasoning-signature", id: "gone", signature: "sig-late" },
      { type: "text-end", id: "never-opened" },
      end(),
    ]);
    expect(responsesTranscript(text).slice(2, -1)).toEqual([
      'added 0 message in_progress ""',
      "part added 0",
      'text 0 "no start"',
      'text done 0 "no start"',
      'part done 0 "no start"',
      'done 0 message completed "no start"',
      'added 1 reasoning ""',
      'done 1 reasoning "" encrypted=sig-late',
    ]);
    expect(streamProblems(text)).toEqual([]);
  });
});
