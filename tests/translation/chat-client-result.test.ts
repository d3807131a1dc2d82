import { describe, expect, test } from "bun:test";
import type { HubResult } from "../../src/core/hub/index.ts";
import { encodeChatResult } from "../../src/protocols/openai-chat/index.ts";
import { encodeContext } from "./hub-helpers.ts";

const result = (overrides: Partial<HubResult> = {}): HubResult => ({
  id: "msg_01abc",
  model: "claude-sonnet-4.5",
  content: [{ type: "text", text: "Hello." }],
  finishReason: "stop",
  usage: { inputTokens: 10, outputTokens: 2 },
  ...overrides,
});

describe("hub result → chat.completion", () => {
  test("translates reasoning, text and tool calls into one choice, with Copilot's reasoning fields and OpenAI usage", () => {
    const completion = encodeChatResult(
      result({
        content: [
          { type: "reasoning", text: "Check the file.", signature: "sig-1" },
          { type: "text", text: "Reading it." },
          { type: "tool-call", toolCallId: "toolu_1", toolName: "Read", input: { path: "a.ts" } },
        ],
        finishReason: "tool-calls",
        usage: { inputTokens: 1200, outputTokens: 80, cacheReadTokens: 1000, reasoningTokens: 30 },
      }),
      encodeContext({ requestedModel: "claude-sonnet-4-5" }),
    );
    expect(completion).toEqual({
      id: "chatcmpl-msg_01abc",
      object: "chat.completion",
      created: 1767225600,
      model: "claude-sonnet-4-5",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Reading it.",
            tool_calls: [{ id: "toolu_1", type: "function", function: { name: "Read", arguments: '{"path":"a.ts"}' } }],
            reasoning_text: "Check the file.",
            reasoning_opaque: "sig-1",
          },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 1200,
        completion_tokens: 80,
        total_tokens: 1280,
        prompt_tokens_details: { cached_tokens: 1000 },
        completion_tokens_details: { reasoning_tokens: 30 },
      },
    });
  });

  test("sends content null when the answer is only tool calls, and keeps a malformed input as its raw string", () => {
    const completion = encodeChatResult(
      result({ content: [{ type: "tool-call", toolCallId: "c", toolName: "Bash", input: '{"command": "ls' }], finishReason: "stop" }),
      encodeContext(),
    );
    const choice = completion.choices[0];
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toEqual([{ id: "c", type: "function", function: { name: "Bash", arguments: '{"command": "ls' } }]);
    // An upstream that said "stop" beside tool calls would leave a Chat client waiting.
    expect(choice?.finish_reason).toBe("tool_calls");
  });

  test("joins separate text blocks with a blank line and sends a redacted block's data when no signature is visible", () => {
    const completion = encodeChatResult(
      result({
        content: [
          { type: "reasoning", text: "", signature: "redacted-data", redacted: true },
          { type: "text", text: "First." },
          { type: "text", text: "" },
          { type: "text", text: "Second." },
        ],
      }),
      encodeContext(),
    );
    expect(completion.choices[0]?.message).toEqual({ role: "assistant", content: "First.\n\nSecond.", reasoning_opaque: "redacted-data" });
  });

  test("maps finish reasons and keeps an existing chatcmpl id", () => {
    const reason = (finishReason: HubResult["finishReason"]) => encodeChatResult(result({ finishReason }), encodeContext()).choices[0]?.finish_reason;
    expect((["stop", "length", "content-filter", "stop-sequence", "other"] as const).map(reason)).toEqual(["stop", "length", "content_filter", "stop", "stop"]);
    expect(encodeChatResult(result({ id: "chatcmpl-kept" }), encodeContext()).id).toBe("chatcmpl-kept");
    expect(encodeChatResult(result({ id: "" }), encodeContext()).id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(encodeChatResult(result({ content: [] }), encodeContext()).choices[0]?.message).toEqual({ role: "assistant", content: "" });
  });
});
