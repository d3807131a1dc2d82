import { describe, expect, test } from "bun:test";
import type { Responses } from "openai/resources/responses/responses";
import type { HubResult } from "../../src/core/hub/index.ts";
import { RelayError } from "../../src/core/relay-error.ts";
import {
  decodeResponsesResult,
  encodeResponsesResult,
  openAIResponsesDialect,
  responsesStreamErrorEvent,
  responsesUsageFromText,
} from "../../src/protocols/openai-responses/index.ts";
import { encodeContext, parseResponsesSse } from "./responses-helpers.ts";

/** A non-streamed Copilot /responses answer: reasoning, text, two function calls. */
const copilotAnswer = {
  id: "resp_abc",
  object: "response",
  created_at: 1767225600,
  status: "completed",
  model: "gpt-5.2-codex",
  output: [
    { id: "rs_1", type: "reasoning", summary: [{ type: "summary_text", text: "Listing." }], encrypted_content: "gAAAAB-enc" },
    { id: "msg_1", type: "message", status: "completed", role: "assistant", content: [{ type: "output_text", text: "Let me look.", annotations: [] }] },
    { id: "fc_1", type: "function_call", status: "completed", call_id: "call_A", name: "exec_command", arguments: '{"cmd":"ls"}' },
    { id: "fc_2", type: "function_call", status: "completed", call_id: "call_B", name: "date", arguments: "" },
    { id: "ws_1", type: "web_search_call", status: "completed" },
  ],
  usage: {
    input_tokens: 1200,
    input_tokens_details: { cached_tokens: 1000 },
    output_tokens: 300,
    output_tokens_details: { reasoning_tokens: 200 },
    total_tokens: 1500,
  },
};

describe("Copilot /responses answer → hub", () => {
  test("decodes output items in order, with tool-call finish and usage", () => {
    expect(decodeResponsesResult(copilotAnswer)).toEqual({
      id: "resp_abc",
      model: "gpt-5.2-codex",
      content: [
        { type: "reasoning", text: "Listing.", signature: "gAAAAB-enc" },
        { type: "text", text: "Let me look." },
        { type: "tool-call", toolCallId: "call_A", toolName: "exec_command", input: { cmd: "ls" } },
        { type: "tool-call", toolCallId: "call_B", toolName: "date", input: {} },
      ],
      finishReason: "tool-calls",
      usage: { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 1000, reasoningTokens: 200 },
    });
  });

  test("maps incomplete answers to length and content-filter, refusals to text", () => {
    const cut = decodeResponsesResult({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" }, output: [] });
    expect(cut.finishReason).toBe("length");
    const filtered = decodeResponsesResult({
      status: "incomplete",
      incomplete_details: { reason: "content_filter" },
      output: [{ type: "message", content: [{ type: "refusal", refusal: "No." }] }],
    });
    expect(filtered).toMatchObject({ finishReason: "content-filter", content: [{ type: "text", text: "No." }] });
  });

  test("never throws on bodies that are not responses", () => {
    for (const body of [null, "text", 42, [], { output: "x" }, { output: [null, { type: "message", content: "x" }] }]) {
      expect(decodeResponsesResult(body)).toEqual({ id: "", model: "", content: [], finishReason: "stop", usage: { inputTokens: 0, outputTokens: 0 } });
    }
  });
});

describe("hub result → Responses response object", () => {
  const result: HubResult = {
    id: "chatcmpl-xyz",
    model: "claude-sonnet-4.5",
    content: [
      { type: "reasoning", text: "Thinking.", signature: "sig-1" },
      { type: "text", text: "" },
      { type: "text", text: "Here you go." },
      { type: "tool-call", toolCallId: "toolu_1", toolName: "exec_command", input: { cmd: "ls" } },
      { type: "tool-call", toolCallId: "toolu_2", toolName: "apply_patch", input: { input: "*** Begin Patch" } },
    ],
    finishReason: "tool-calls",
    usage: { inputTokens: 500, outputTokens: 40, cacheReadTokens: 100, reasoningTokens: 10 },
  };
  const clientRequest = {
    model: "claude-sonnet-4-5",
    instructions: "Be brief.",
    input: "ls",
    tools: [
      { type: "function", name: "exec_command", parameters: { type: "object", properties: {} }, strict: false },
      { type: "custom", name: "apply_patch" },
    ],
    tool_choice: "auto",
    reasoning: { effort: "high", summary: "auto" },
    store: true,
    metadata: { session: "s1" },
    user: "u1",
  };

  test("builds a complete Response the openai SDK types describe, echoing the request fields", () => {
    const response = encodeResponsesResult(result, encodeContext(clientRequest));
    const output: Responses.ResponseOutputItem[] = [
      { id: "rs_chatcmplxyz_0", type: "reasoning", summary: [{ type: "summary_text", text: "Thinking." }], encrypted_content: "sig-1" },
      {
        id: "msg_chatcmplxyz_1",
        type: "message",
        status: "completed",
        role: "assistant",
        content: [{ type: "output_text", text: "Here you go.", annotations: [], logprobs: [] }],
      },
      { id: "fc_chatcmplxyz_2", type: "function_call", status: "completed", call_id: "toolu_1", name: "exec_command", arguments: '{"cmd":"ls"}' },
      // The client declared apply_patch as custom, so the call goes back as custom_tool_call with the free-form input.
      { id: "ctc_chatcmplxyz_3", type: "custom_tool_call", call_id: "toolu_2", name: "apply_patch", input: "*** Begin Patch" },
    ];
    const usage: Responses.ResponseUsage = {
      input_tokens: 500,
      input_tokens_details: { cached_tokens: 100, cache_write_tokens: 0 },
      output_tokens: 40,
      output_tokens_details: { reasoning_tokens: 10 },
      total_tokens: 540,
    };
    const expected: Omit<Responses.Response, "output_text"> = {
      id: "resp_chatcmplxyz",
      object: "response",
      created_at: 1767225600,
      status: "completed",
      error: null,
      incomplete_details: null,
      instructions: "Be brief.",
      max_output_tokens: null,
      model: "claude-sonnet-4-5",
      output,
      parallel_tool_calls: true,
      previous_response_id: null,
      reasoning: { effort: "high", summary: "auto" },
      temperature: null,
      text: { format: { type: "text" } },
      tool_choice: "auto",
      tools: [
        { type: "function", name: "exec_command", parameters: { type: "object", properties: {} }, strict: false },
        { type: "custom", name: "apply_patch" },
      ],
      top_p: null,
      truncation: "disabled",
      usage,
      user: "u1",
      metadata: { session: "s1" },
    };
    // Typed against the openai SDK's Response; output_text is the SDK's own convenience field, not on the wire, and
    // `store` is on the wire but not in the SDK's type.
    expect(response).toEqual({ ...expected, store: false } as never);
  });

  test("reports a cut-off answer as incomplete with the reason", () => {
    const cut = encodeResponsesResult({ ...result, content: [{ type: "text", text: "Par" }], finishReason: "length" }, encodeContext());
    expect(cut).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
    const filtered = encodeResponsesResult({ ...result, finishReason: "content-filter" }, encodeContext());
    expect(filtered).toMatchObject({ status: "incomplete", incomplete_details: { reason: "content_filter" } });
  });

  test("gives answers without an upstream id a random resp_ id", () => {
    const first = encodeResponsesResult({ ...result, id: "" }, encodeContext());
    const second = encodeResponsesResult({ ...result, id: "" }, encodeContext());
    expect(first.id).toMatch(/^resp_[0-9a-f]{32}$/);
    expect(first.id).not.toBe(second.id);
  });
});

describe("usage and errors of passed-through Responses answers", () => {
  test("reads usage from the tail of a stream or a body without parsing it", () => {
    const tail =
      'data: {"type":"response.output_text.delta","delta":"the \\"usage\\" field"}\n\n' +
      'event: response.completed\ndata: {"type":"response.completed","response":{"id":"resp_1","output":[],' +
      `"usage":${JSON.stringify(copilotAnswer.usage)},"user":null}}\n\n`;
    expect(responsesUsageFromText(tail, "")).toEqual({ inputTokens: 1200, outputTokens: 300, cachedTokens: 1000 });
    expect(responsesUsageFromText('{"usage": null}', "")).toBeUndefined();
    expect(responsesUsageFromText("no usage here", '{"usage":{"input_tokens":5,"output_tokens":0}}')).toEqual({ inputTokens: 5, outputTokens: 0, cachedTokens: 0 });
    expect(openAIResponsesDialect.usageFromText(JSON.stringify(copilotAnswer), "")).toEqual({ inputTokens: 1200, outputTokens: 300, cachedTokens: 1000 });
  });

  test("renders errors in OpenAI's envelope, and a broken stream as response.failed", () => {
    const error = new RelayError("rate_limit", "Too many requests", { code: "rate_limit_exceeded" });
    expect(openAIResponsesDialect.errorBody(error)).toEqual({
      error: { message: "Too many requests", type: "rate_limit_error", param: null, code: "rate_limit_exceeded" },
    });
    const [event] = parseResponsesSse(responsesStreamErrorEvent(error, 7));
    expect(event?.event).toBe("response.failed");
    expect(event?.data).toMatchObject({
      type: "response.failed",
      sequence_number: 7,
      response: { object: "response", status: "failed", error: { code: "rate_limit_exceeded", message: "Too many requests" }, output: [] },
    });
    const tooLong = new RelayError("invalid_request", "prompt token count of 210000 exceeds the limit of 200000", { code: "model_max_prompt_tokens_exceeded" });
    expect(parseResponsesSse(openAIResponsesDialect.streamErrorEvent(tooLong))[0]?.data.response.error.code).toBe("context_length_exceeded");
  });
});
