import { describe, expect, test } from "bun:test";
import { decodeMessagesRequest, encodeMessagesResult, type MessagesRequest } from "../../src/protocols/anthropic-messages/index.ts";
import { decodeChatResult, encodeChatRequest } from "../../src/protocols/openai-chat/index.ts";

const completion = (message: Record<string, unknown>, finish_reason = "stop", usage: unknown = { prompt_tokens: 50, completion_tokens: 10 }) => ({
  id: "chatcmpl-xyz",
  object: "chat.completion",
  model: "claude-sonnet-4.5",
  choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason }],
  usage,
});

describe("Chat Completions result → Anthropic message", () => {
  test("translates reasoning, text and tool calls, thinking first, with Anthropic usage", () => {
    const json = completion(
      {
        content: "I'll read it.",
        reasoning_text: "Need the file.",
        reasoning_opaque: "opaque-123",
        tool_calls: [{ id: "toolu_9", type: "function", function: { name: "Read", arguments: '{"path":"a.ts"}' } }],
      },
      "tool_calls",
      { prompt_tokens: 1200, completion_tokens: 80, prompt_tokens_details: { cached_tokens: 1000 } },
    );
    expect(encodeMessagesResult(decodeChatResult(json), "claude-sonnet-4-5-20250929")).toEqual({
      id: "msg_chatcmpl-xyz",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-5-20250929",
      content: [
        { type: "thinking", thinking: "Need the file.", signature: "opaque-123" },
        { type: "text", text: "I'll read it." },
        { type: "tool_use", id: "toolu_9", name: "Read", input: { path: "a.ts" } },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 200, output_tokens: 80, cache_read_input_tokens: 1000, cache_creation_input_tokens: 0 },
    });
  });

  test("never throws on malformed tool arguments: the hub keeps the raw string, Anthropic gets { _raw }", () => {
    const result = decodeChatResult(
      completion({
        content: null,
        tool_calls: [
          { id: "t1", type: "function", function: { name: "Bash", arguments: '{"command": "ls' } },
          { id: "t2", type: "function", function: { name: "Now", arguments: "" } },
        ],
      }),
    );
    expect(result.content).toEqual([
      { type: "tool-call", toolCallId: "t1", toolName: "Bash", input: '{"command": "ls' },
      { type: "tool-call", toolCallId: "t2", toolName: "Now", input: {} },
    ]);
    // finish_reason "stop" with tool calls is a Copilot quirk: the turn still ends in tool use.
    expect(result.finishReason).toBe("tool-calls");
    const message = encodeMessagesResult(result, "m");
    expect(message.content).toEqual([
      { type: "tool_use", id: "t1", name: "Bash", input: { _raw: '{"command": "ls' } },
      { type: "tool_use", id: "t2", name: "Now", input: {} },
    ]);
  });

  test("maps finish reasons to stop reasons", () => {
    const stopReason = (finish: string) => encodeMessagesResult(decodeChatResult(completion({ content: "x" }, finish)), "m").stop_reason;
    expect(stopReason("stop")).toBe("end_turn");
    expect(stopReason("length")).toBe("max_tokens");
    expect(stopReason("content_filter")).toBe("refusal");
  });

  test("is tolerant: no choices, no usage, junk input all give a well-formed empty message", () => {
    for (const junk of [{}, null, "nope", { choices: "x", usage: 5 }, { choices: [null, { message: 3 }] }]) {
      const result = decodeChatResult(junk);
      expect(result).toEqual({ id: "", model: "", content: [], finishReason: "stop", usage: { inputTokens: 0, outputTokens: 0 } });
      expect(encodeMessagesResult(result, "m").content).toEqual([]);
    }
  });

  test("merges Copilot's split choices (text in one, tool calls in another)", () => {
    const json = {
      id: "c",
      choices: [
        { index: 0, message: { role: "assistant", content: "Checking." }, finish_reason: "stop" },
        { index: 1, message: { role: "assistant", tool_calls: [{ id: "x", function: { name: "Ls", arguments: "{}" } }] }, finish_reason: "tool_calls" },
      ],
    };
    const result = decodeChatResult(json);
    expect(result.content.map((part) => part.type)).toEqual(["text", "tool-call"]);
    expect(result.finishReason).toBe("tool-calls");
  });
});

describe("thinking round trip: Copilot → Anthropic client → Copilot", () => {
  test("the reasoning text and its opaque signature come back unchanged", () => {
    const first = completion({ content: "Answer.", reasoning_text: "Private chain.", reasoning_opaque: "enc-blob==" });
    const message = encodeMessagesResult(decodeChatResult(first), "claude-sonnet-4-5");
    const nextTurn: MessagesRequest = {
      model: "claude-sonnet-4-5",
      max_tokens: 100,
      messages: [
        { role: "user", content: "Question?" },
        { role: "assistant", content: message.content },
        { role: "user", content: "And then?" },
      ],
    };
    const body = encodeChatRequest(decodeMessagesRequest(nextTurn), { useMaxCompletionTokens: false });
    expect((body.messages as unknown[])[1]).toEqual({
      role: "assistant",
      content: "Answer.",
      reasoning_text: "Private chain.",
      reasoning_opaque: "enc-blob==",
    });
  });

  test("a malformed tool input shown as { _raw } goes back upstream as the original argument string", () => {
    const first = completion({ content: null, tool_calls: [{ id: "t1", function: { name: "Bash", arguments: '{"command": "ls' } }] }, "tool_calls");
    const message = encodeMessagesResult(decodeChatResult(first), "m");
    const body = encodeChatRequest(
      decodeMessagesRequest({
        model: "m",
        max_tokens: 10,
        messages: [
          { role: "user", content: "go" },
          { role: "assistant", content: message.content },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "bad input", is_error: true }] },
        ],
      }),
      { useMaxCompletionTokens: false },
    );
    expect((body.messages as { tool_calls?: { function: { arguments: string } }[] }[])[1]?.tool_calls?.[0]?.function.arguments).toBe('{"command": "ls');
  });
});
