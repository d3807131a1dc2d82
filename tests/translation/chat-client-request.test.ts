import { describe, expect, test } from "bun:test";
import { type ChatCompletionRequest, decodeChatRequest } from "../../src/protocols/openai-chat/index.ts";

const request = (fields: Record<string, unknown>): ChatCompletionRequest =>
  ({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }], ...fields }) as ChatCompletionRequest;

describe("Chat Completions request → hub", () => {
  test("takes leading system and developer messages as the system prompt and keeps later ones in place", () => {
    const hub = decodeChatRequest(
      request({
        messages: [
          { role: "system", content: "You are terse." },
          { role: "developer", content: [{ type: "text", text: "Use British spelling." }] },
          { role: "user", content: "hi" },
          { role: "developer", content: "Now be verbose." },
        ],
      }),
    );
    expect(hub.system).toEqual([
      { type: "text", text: "You are terse." },
      { type: "text", text: "Use British spelling." },
    ]);
    expect(hub.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "hi" }] },
      { role: "system", content: [{ type: "text", text: "Now be verbose." }] },
    ]);
  });

  test("decodes text and images (data URLs as base64, https URLs as URLs) and notes audio and file parts it drops", () => {
    const hub = decodeChatRequest(
      request({
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "What is this?" },
              { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/4AAQ", detail: "high" } },
              { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
              { type: "input_audio", input_audio: { data: "UklGR", format: "wav" } },
              { type: "file", file: { file_id: "file-1" } },
            ],
          },
        ],
      }),
    );
    expect(hub.messages[0]).toEqual({
      role: "user",
      content: [
        { type: "text", text: "What is this?" },
        { type: "image", source: { kind: "base64", mediaType: "image/jpeg", data: "/9j/4AAQ" } },
        { type: "image", source: { kind: "url", url: "https://example.com/cat.png" } },
      ],
    });
    expect(hub.dropped).toEqual(["messages[0].content[3]: input_audio part", "messages[0].content[4]: file part"]);
  });

  test("decodes an assistant turn with Copilot's reasoning fields first, then text and tool calls", () => {
    const hub = decodeChatRequest(
      request({
        messages: [
          { role: "user", content: "list /tmp" },
          {
            role: "assistant",
            content: "Listing.",
            reasoning_text: "Use ls.",
            reasoning_opaque: "sig-1",
            tool_calls: [
              { id: "call_1", type: "function", function: { name: "Bash", arguments: '{"command":"ls /tmp"}' } },
              { id: "call_2", type: "function", function: { name: "Bash", arguments: '{"command": "ls' } },
              { id: "call_3", type: "function", function: { name: "Clock", arguments: "" } },
            ],
          },
        ],
      }),
    );
    expect(hub.messages[1]).toEqual({
      role: "assistant",
      content: [
        { type: "reasoning", text: "Use ls.", signature: "sig-1" },
        { type: "text", text: "Listing." },
        { type: "tool-call", toolCallId: "call_1", toolName: "Bash", input: { command: "ls /tmp" } },
        // Malformed arguments stay the raw string (the hub's convention); empty ones are no arguments.
        { type: "tool-call", toolCallId: "call_2", toolName: "Bash", input: '{"command": "ls' },
        { type: "tool-call", toolCallId: "call_3", toolName: "Clock", input: {} },
      ],
    });
  });

  test("merges consecutive tool messages and the user message after them into one hub user turn", () => {
    const hub = decodeChatRequest(
      request({
        messages: [
          { role: "user", content: "go" },
          { role: "assistant", content: null, tool_calls: [{ id: "a", type: "function", function: { name: "X", arguments: "{}" } }, { id: "b", type: "function", function: { name: "Y", arguments: "{}" } }] },
          { role: "tool", tool_call_id: "a", content: "result a" },
          { role: "tool", tool_call_id: "b", content: [{ type: "text", text: "result b" }] },
          { role: "user", content: "thanks" },
          { role: "user", content: "and now?" },
        ],
      }),
    );
    expect(hub.messages.slice(2)).toEqual([
      {
        role: "user",
        content: [
          { type: "tool-result", toolCallId: "a", content: [{ type: "text", text: "result a" }] },
          { type: "tool-result", toolCallId: "b", content: [{ type: "text", text: "result b" }] },
          { type: "text", text: "thanks" },
        ],
      },
      { role: "user", content: [{ type: "text", text: "and now?" }] },
    ]);
  });

  test("turns the legacy functions, function_call and function role into tools, a tool choice and paired ids", () => {
    const hub = decodeChatRequest(
      request({
        functions: [{ name: "weather", description: "Weather", parameters: { $schema: "x", type: "object", properties: { city: { type: "string" } } } }],
        function_call: { name: "weather" },
        messages: [
          { role: "user", content: "Weather in Oslo?" },
          { role: "assistant", content: null, function_call: { name: "weather", arguments: '{"city":"Oslo"}' } },
          { role: "function", name: "weather", content: "-3 °C" },
        ],
      }),
    );
    expect(hub.tools).toEqual([{ name: "weather", description: "Weather", inputSchema: { type: "object", properties: { city: { type: "string" } } } }]);
    expect(hub.toolChoice).toEqual({ type: "tool", toolName: "weather" });
    expect(hub.messages.slice(1)).toEqual([
      { role: "assistant", content: [{ type: "tool-call", toolCallId: "call_legacy_0", toolName: "weather", input: { city: "Oslo" } }] },
      { role: "user", content: [{ type: "tool-result", toolCallId: "call_legacy_0", content: [{ type: "text", text: "-3 °C" }] }] },
    ]);
  });

  test("cleans function tool schemas, keeps strict, and notes tools of other kinds", () => {
    const hub = decodeChatRequest(
      request({
        tools: [
          { type: "function", function: { name: "Read", parameters: { $schema: "http://json-schema.org/draft-07/schema#", type: "object" }, strict: true } },
          { type: "custom", custom: { name: "grammar" } },
        ],
      }),
    );
    expect(hub.tools).toEqual([{ name: "Read", inputSchema: { type: "object", properties: {} }, strict: true }]);
    expect(hub.dropped).toEqual(["tools[1]: custom tool"]);
  });

  test("maps each tool_choice and parallel_tool_calls", () => {
    const choice = (tool_choice: unknown) => decodeChatRequest(request({ tool_choice })).toolChoice;
    expect(["auto", "none", "required"].map(choice)).toEqual([{ type: "auto" }, { type: "none" }, { type: "required" }]);
    expect(choice({ type: "function", function: { name: "Bash" } })).toEqual({ type: "tool", toolName: "Bash" });
    expect(decodeChatRequest(request({ tool_choice: { type: "allowed_tools" } })).dropped).toEqual(["tool_choice: type allowed_tools"]);
    expect(decodeChatRequest(request({ parallel_tool_calls: false })).parallelToolCalls).toBe(false);
  });

  test("maps limits, sampling, stop, seed, penalties, structured output, reasoning, user and stream", () => {
    const { messages: _, system: __, ...rest } = decodeChatRequest(
      request({
        max_tokens: 100,
        max_completion_tokens: 200,
        temperature: 0.3,
        top_p: 0.9,
        stop: "END",
        seed: 42,
        frequency_penalty: 0.5,
        presence_penalty: 0.25,
        response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object" }, strict: true, description: "d" } },
        reasoning_effort: "high",
        thinking_budget: 4000,
        user: "user-7",
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(rest).toEqual({
      model: "gpt-4.1",
      maxOutputTokens: 200,
      temperature: 0.3,
      topP: 0.9,
      stopSequences: ["END"],
      seed: 42,
      frequencyPenalty: 0.5,
      presencePenalty: 0.25,
      responseFormat: { type: "json-schema", name: "answer", schema: { type: "object" }, strict: true, description: "d" },
      reasoning: { effort: "high", budgetTokens: 4000 },
      user: "user-7",
      stream: true,
    });
    expect(decodeChatRequest(request({ max_tokens: 100, stop: ["a", "b"], response_format: { type: "json_object" } }))).toMatchObject({
      maxOutputTokens: 100,
      stopSequences: ["a", "b"],
      responseFormat: { type: "json" },
      stream: false,
    });
  });

  test("notes fields the hub has no place for", () => {
    expect(decodeChatRequest(request({ n: 3, logprobs: true, logit_bias: { "42": 1 } })).dropped).toEqual([
      "n: 3 (one choice is returned)",
      "logprobs",
      "logit_bias",
    ]);
    expect(decodeChatRequest(request({ n: 1, response_format: { type: "text" } }))).not.toHaveProperty("dropped");
  });
});
