import { describe, expect, test } from "bun:test";
import type { HubRequest } from "../../src/core/hub/index.ts";
import { RelayError } from "../../src/core/relay-error.ts";
import type { WireOptions } from "../../src/protocols/dialect.ts";
import {
  decodeResponsesRequest,
  encodeResponsesRequest,
  openAIResponsesDialect,
  type ResponsesRequest,
  responsesHasImage,
  responsesInitiator,
} from "../../src/protocols/openai-responses/index.ts";

const request = (fields: Record<string, unknown>): ResponsesRequest => ({ model: "gpt-5-codex", ...fields }) as ResponsesRequest;
const PNG = "iVBORw0KGgo=";

describe("Responses request → hub", () => {
  test("turns instructions into the system prompt and a string input into one user message", () => {
    const hub = decodeResponsesRequest(request({ instructions: "Be terse.", input: "Hello", stream: true, max_output_tokens: 500 }));
    expect(hub).toEqual({
      model: "gpt-5-codex",
      system: [{ type: "text", text: "Be terse." }],
      messages: [{ role: "user", content: [{ type: "text", text: "Hello" }] }],
      maxOutputTokens: 500,
      stream: true,
    });
  });

  test("decodes messages of every role; developer and system messages stay in place as system messages", () => {
    const hub = decodeResponsesRequest(
      request({
        input: [
          { role: "developer", content: "Use tabs." },
          { type: "message", role: "system", content: [{ type: "input_text", text: "Be kind." }] },
          { role: "user", content: [{ type: "input_text", text: "Hi" }] },
          { type: "message", role: "assistant", id: "msg_1", content: [{ type: "output_text", text: "Hello!", annotations: [] }] },
          { role: "assistant", content: [{ type: "refusal", refusal: "I can't." }] },
          { role: "user", content: "Why?" },
        ],
      }),
    );
    expect(hub.messages).toEqual([
      { role: "system", content: [{ type: "text", text: "Use tabs." }] },
      { role: "system", content: [{ type: "text", text: "Be kind." }] },
      { role: "user", content: [{ type: "text", text: "Hi" }] },
      // Consecutive assistant-side items are one assistant turn.
      { role: "assistant", content: [{ type: "text", text: "Hello!" }, { type: "text", text: "I can't." }] },
      { role: "user", content: [{ type: "text", text: "Why?" }] },
    ]);
    expect(hub.system).toEqual([]);
  });

  test("decodes data-URL images as base64 and web images as URLs; file inputs are dropped with a note", () => {
    const hub = decodeResponsesRequest(
      request({
        input: [
          {
            role: "user",
            content: [
              { type: "input_text", text: "What is this?" },
              { type: "input_image", image_url: `data:image/png;base64,${PNG}`, detail: "auto" },
              { type: "input_image", image_url: "https://example.com/cat.jpg", detail: "low" },
              { type: "input_image", file_id: "file-123", detail: "auto" },
              { type: "input_file", filename: "report.pdf", file_data: "…" },
            ],
          },
        ],
      }),
    );
    expect(hub.messages[0]).toEqual({
      role: "user",
      content: [
        { type: "text", text: "What is this?" },
        { type: "image", source: { kind: "base64", mediaType: "image/png", data: PNG } },
        { type: "image", source: { kind: "url", url: "https://example.com/cat.jpg" } },
      ],
    });
    expect(hub.dropped).toEqual(["input_image file-123 (file ids cannot be resolved upstream)", "input_file report.pdf"]);
  });

  test("keeps call ids through a function-call round trip, merging calls and their outputs into turns", () => {
    const hub = decodeResponsesRequest(
      request({
        input: [
          { role: "user", content: "List files and the date" },
          { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "Two tools." }, { type: "summary_text", text: "In parallel." }], encrypted_content: "gAAAAB-enc" },
          { type: "function_call", id: "fc_1", call_id: "call_A", name: "exec_command", arguments: '{"cmd":"ls"}' },
          { type: "function_call", id: "fc_2", call_id: "call_B", name: "date", arguments: "" },
          { type: "function_call_output", call_id: "call_A", output: "a.txt\nb.txt" },
          {
            type: "function_call_output",
            call_id: "call_B",
            output: [
              { type: "input_text", text: "today" },
              { type: "input_image", image_url: `data:image/jpeg;base64,${PNG}` },
            ],
          },
        ],
      }),
    );
    expect(hub.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "List files and the date" }] },
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "Two tools.\n\nIn parallel.", signature: "gAAAAB-enc" },
          { type: "tool-call", toolCallId: "call_A", toolName: "exec_command", input: { cmd: "ls" } },
          { type: "tool-call", toolCallId: "call_B", toolName: "date", input: {} },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool-result", toolCallId: "call_A", content: [{ type: "text", text: "a.txt\nb.txt" }] },
          {
            type: "tool-result",
            toolCallId: "call_B",
            content: [
              { type: "text", text: "today" },
              { type: "image", source: { kind: "base64", mediaType: "image/jpeg", data: PNG } },
            ],
          },
        ],
      },
    ]);
  });

  test("keeps malformed function arguments as the raw string, the hub's convention", () => {
    const hub = decodeResponsesRequest(request({ input: [{ type: "function_call", call_id: "c", name: "f", arguments: "{not json" }] }));
    expect(hub.messages[0]?.content[0]).toEqual({ type: "tool-call", toolCallId: "c", toolName: "f", input: "{not json" });
  });

  test("turns custom tools and their calls into functions taking {input: string}", () => {
    const hub = decodeResponsesRequest(
      request({
        tools: [{ type: "custom", name: "apply_patch", description: "Edit files", format: { type: "grammar", syntax: "lark", definition: "start: patch" } }],
        tool_choice: { type: "custom", name: "apply_patch" },
        input: [
          { type: "custom_tool_call", call_id: "call_P", name: "apply_patch", input: "*** Begin Patch" },
          { type: "custom_tool_call_output", call_id: "call_P", output: "Done" },
        ],
      }),
    );
    expect(hub.tools).toEqual([
      {
        name: "apply_patch",
        description: "Edit files",
        inputSchema: {
          type: "object",
          properties: { input: { type: "string", description: "The raw text input for this tool. It must follow this lark grammar:\nstart: patch" } },
          required: ["input"],
          additionalProperties: false,
        },
      },
    ]);
    expect(hub.toolChoice).toEqual({ type: "tool", toolName: "apply_patch" });
    expect(hub.messages).toEqual([
      { role: "assistant", content: [{ type: "tool-call", toolCallId: "call_P", toolName: "apply_patch", input: { input: "*** Begin Patch" } }] },
      { role: "user", content: [{ type: "tool-result", toolCallId: "call_P", content: [{ type: "text", text: "Done" }] }] },
    ]);
  });

  test("keeps function tools (schemas cleaned, strict kept) and drops hosted tools, namespaces and bad names with notes", () => {
    const hub = decodeResponsesRequest(
      request({
        tools: [
          {
            type: "function",
            name: "exec_command",
            description: "Run a command",
            strict: false,
            parameters: { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { cmd: { type: "string" } } },
          },
          { type: "web_search" },
          { type: "image_generation" },
          { type: "namespace", name: "codex_apps", description: "Apps", tools: [{ type: "function", name: "open" }] },
          { type: "mcp", server_label: "docs" },
          { type: "function", name: "bad name!", parameters: {} },
        ],
        tool_choice: { type: "web_search" },
        input: "search the web",
      }),
    );
    expect(hub.tools).toEqual([
      { name: "exec_command", description: "Run a command", inputSchema: { type: "object", properties: { cmd: { type: "string" } } }, strict: false },
    ]);
    expect(hub.toolChoice).toEqual({ type: "auto" });
    expect(hub.dropped).toEqual([
      "tool web_search",
      "tool image_generation",
      "tool namespace codex_apps",
      "tool mcp",
      'tool function "bad name!": the name must match ^[a-zA-Z0-9_-]{1,64}$',
      'tool_choice {"type":"web_search"} (auto instead)',
    ]);
  });

  test("does not require a tool when every tool was dropped", () => {
    const hub = decodeResponsesRequest(request({ tools: [{ type: "web_search" }], tool_choice: "required", input: "news?" }));
    expect(hub).toMatchObject({ tools: [], toolChoice: { type: "auto" } });
    expect(hub.dropped).toEqual(["tool web_search", "tool_choice required: every tool was dropped (auto instead)"]);
  });

  test("decodes text.format, reasoning, sampling and the user", () => {
    const hub = decodeResponsesRequest(
      request({
        input: "Give me JSON",
        text: { format: { type: "json_schema", name: "answer", schema: { type: "object" }, strict: true, description: "The answer" }, verbosity: "low" },
        reasoning: { effort: "high", summary: "auto" },
        temperature: 0.2,
        top_p: 0.9,
        parallel_tool_calls: false,
        safety_identifier: "user-42",
        store: false,
        include: ["reasoning.encrypted_content"],
      }),
    );
    expect(hub.responseFormat).toEqual({ type: "json-schema", name: "answer", schema: { type: "object" }, strict: true, description: "The answer" });
    expect(hub.reasoning).toEqual({ effort: "high", summary: "auto" });
    expect(hub).toMatchObject({ temperature: 0.2, topP: 0.9, parallelToolCalls: false, user: "user-42", stream: false });
    expect(decodeResponsesRequest(request({ text: { format: { type: "json_object" } } })).responseFormat).toEqual({ type: "json" });
  });

  test("drops item references with a note", () => {
    const hub = decodeResponsesRequest(request({ input: [{ type: "item_reference", id: "msg_old" }, { id: "rs_old" }, { role: "user", content: "go on" }] }));
    expect(hub.messages).toEqual([{ role: "user", content: [{ type: "text", text: "go on" }] }]);
    expect(hub.dropped).toEqual(["item_reference msg_old (nothing is stored to resolve it)", "item_reference rs_old (nothing is stored to resolve it)"]);
  });
});

describe("Responses request facts", () => {
  test("an agent continues after tool outputs, reasoning and assistant messages; a user message or string is the user's", () => {
    expect(responsesInitiator(request({ input: "hi" }))).toBe("user");
    expect(responsesInitiator(request({ input: [{ role: "user", content: "hi" }] }))).toBe("user");
    expect(responsesInitiator(request({ input: [{ role: "developer", content: "x" }] }))).toBe("user");
    expect(responsesInitiator(request({ input: [{ type: "function_call_output", call_id: "c", output: "ok" }] }))).toBe("agent");
    expect(responsesInitiator(request({ input: [{ type: "reasoning", summary: [] }] }))).toBe("agent");
    expect(responsesInitiator(request({ input: [{ type: "message", role: "assistant", content: "…" }] }))).toBe("agent");
  });

  test("finds images in messages and in tool outputs", () => {
    expect(responsesHasImage(request({ input: "hi" }))).toBe(false);
    expect(responsesHasImage(request({ input: [{ role: "user", content: [{ type: "input_image", image_url: "https://x/y.png" }] }] }))).toBe(true);
    expect(responsesHasImage(request({ input: [{ type: "function_call_output", call_id: "c", output: [{ type: "input_image", image_url: "https://x" }] }] }))).toBe(true);
    expect(responsesHasImage(request({ input: [{ type: "function_call_output", call_id: "c", output: "input_image" }] }))).toBe(false);
  });

  test("validates the body, naming the offending field, and allows unknown fields", () => {
    const body = { model: "gpt-5-codex", input: [{ role: "user", content: "hi" }], prompt_cache_key: "k", stream: true };
    expect(openAIResponsesDialect.validate(body)).toBe(body as never);
    expect(() => openAIResponsesDialect.validate({ model: "", input: "hi" })).toThrow(RelayError);
    expect(() => openAIResponsesDialect.validate({ model: "m", input: [{ content: "no type or role" }] })).toThrow(/input/);
    expect(() => openAIResponsesDialect.validate({ model: "m", max_output_tokens: 0 })).toThrow(/max_output_tokens/);
  });

  test("refuses previous_response_id with a clear 400, since nothing is stored", () => {
    let error: unknown;
    try {
      openAIResponsesDialect.check?.(request({ input: "more", previous_response_id: "resp_123" }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RelayError);
    expect(error).toMatchObject({ status: 400, param: "previous_response_id", code: "previous_response_not_supported" });
    expect((error as Error).message).toContain("store: false");
    expect(() => openAIResponsesDialect.check?.(request({ input: "more", previous_response_id: null }))).not.toThrow();
  });

  test("lowers max_output_tokens in place and reports the old value", () => {
    const body = request({ input: "hi", max_output_tokens: 100_000 });
    expect(openAIResponsesDialect.limitOutput(body, 64_000)).toBe(100_000);
    expect(body.max_output_tokens).toBe(64_000);
    expect(openAIResponsesDialect.limitOutput(body, 128_000)).toBeUndefined();
    expect(openAIResponsesDialect.limitOutput(request({ input: "hi" }), 10)).toBeUndefined();
  });
});

const reasoningModel: WireOptions = { useMaxCompletionTokens: true, reasoningEffort: true };
const plainModel: WireOptions = { useMaxCompletionTokens: false, reasoningEffort: false };

describe("hub → Copilot /responses body", () => {
  const hub: HubRequest = {
    model: "gpt-5.2-codex",
    system: [{ type: "text", text: "You are Claude Code." }, { type: "text", text: "Be brief." }],
    messages: [
      { role: "user", content: [{ type: "text", text: "Look at this" }, { type: "image", source: { kind: "base64", mediaType: "image/png", data: PNG } }] },
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "I should read it.", signature: "gAAAAB-enc" },
          { type: "reasoning", text: "Unsigned thinking from another model" },
          { type: "text", text: "Reading." },
          { type: "tool-call", toolCallId: "toolu_1", toolName: "Read", input: { file_path: "/a.txt" } },
          { type: "tool-call", toolCallId: "toolu_2", toolName: "Bad", input: { _raw: "{oops" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool-result", toolCallId: "toolu_1", content: [{ type: "text", text: "hello" }] },
          { type: "tool-result", toolCallId: "toolu_2", isError: true, content: [{ type: "text", text: "bad input" }] },
          { type: "tool-result", toolCallId: "toolu_3", content: [{ type: "image", source: { kind: "url", url: "https://x/shot.png" } }] },
          { type: "text", text: "Now fix it" },
        ],
      },
    ],
    tools: [{ name: "Read", description: "Read a file", inputSchema: { type: "object", properties: { file_path: { type: "string" } } } }],
    toolChoice: { type: "tool", toolName: "Read" },
    parallelToolCalls: true,
    maxOutputTokens: 1,
    temperature: 1,
    topP: 0.9,
    topK: 5,
    stopSequences: ["END"],
    reasoning: { budgetTokens: 10_000 },
    responseFormat: { type: "json-schema", name: "out", schema: { type: "object" }, strict: true },
    user: "user-1",
    stream: true,
  };

  test("encodes instructions, input items, tools and options the way Copilot takes them", () => {
    expect(encodeResponsesRequest(hub, reasoningModel)).toEqual({
      model: "gpt-5.2-codex",
      instructions: "You are Claude Code.\n\nBe brief.",
      input: [
        {
          type: "message",
          role: "user",
          content: [
            { type: "input_text", text: "Look at this" },
            { type: "input_image", image_url: `data:image/png;base64,${PNG}`, detail: "auto" },
          ],
        },
        { type: "reasoning", summary: [{ type: "summary_text", text: "I should read it." }], encrypted_content: "gAAAAB-enc" },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "Reading." }] },
        { type: "function_call", call_id: "toolu_1", name: "Read", arguments: '{"file_path":"/a.txt"}' },
        { type: "function_call", call_id: "toolu_2", name: "Bad", arguments: "{oops" },
        { type: "function_call_output", call_id: "toolu_1", output: "hello" },
        { type: "function_call_output", call_id: "toolu_2", output: "Error: bad input" },
        { type: "function_call_output", call_id: "toolu_3", output: [{ type: "input_image", image_url: "https://x/shot.png", detail: "auto" }] },
        { type: "message", role: "user", content: [{ type: "input_text", text: "Now fix it" }] },
      ],
      tools: [
        { type: "function", name: "Read", description: "Read a file", parameters: { type: "object", properties: { file_path: { type: "string" } } }, strict: false },
      ],
      parallel_tool_calls: true,
      tool_choice: { type: "function", name: "Read" },
      max_output_tokens: 16,
      reasoning: { effort: "medium", summary: "auto" },
      include: ["reasoning.encrypted_content"],
      text: { format: { type: "json_schema", name: "out", schema: { type: "object" }, strict: true } },
      user: "user-1",
      store: false,
      stream: true,
    });
  });

  test("maps thinking budgets to efforts, keeps explicit efforts, and sends no reasoning to models without an effort", () => {
    const reasoningOf = (reasoning: HubRequest["reasoning"], options = reasoningModel) =>
      encodeResponsesRequest({ ...hub, reasoning }, options).reasoning;
    expect(reasoningOf({ budgetTokens: 2048 })).toEqual({ effort: "low", summary: "auto" });
    expect(reasoningOf({ budgetTokens: 32_000 })).toEqual({ effort: "high", summary: "auto" });
    expect(reasoningOf({ effort: "xhigh", summary: "detailed" })).toEqual({ effort: "xhigh", summary: "detailed" });
    expect(reasoningOf({ adaptive: true })).toEqual({ summary: "auto" });
    expect(reasoningOf({ disabled: true })).toBeUndefined();
    expect(reasoningOf(undefined)).toBeUndefined();
    expect(reasoningOf({ effort: "high" }, plainModel)).toBeUndefined();
  });

  test("sends sampling parameters only to models without a reasoning effort", () => {
    const body = encodeResponsesRequest({ ...hub, reasoning: undefined }, plainModel);
    expect(body).toMatchObject({ temperature: 1, top_p: 0.9 });
    expect(body.include).toBeUndefined();
    expect(encodeResponsesRequest(hub, reasoningModel)).not.toContainKey("temperature");
  });

  test("round-trips a Responses conversation through the hub without losing call ids or encrypted reasoning", () => {
    const original = request({
      instructions: "Be brief.",
      input: [
        { role: "user", content: [{ type: "input_text", text: "ls" }] },
        { type: "reasoning", id: "rs_1", summary: [], encrypted_content: "gAAAAB-enc" },
        { type: "function_call", call_id: "call_A", name: "exec_command", arguments: '{"cmd":"ls"}' },
        { type: "function_call_output", call_id: "call_A", output: "a.txt" },
      ],
      tools: [{ type: "function", name: "exec_command", parameters: { type: "object", properties: {} }, strict: false }],
      stream: true,
    });
    const body = encodeResponsesRequest(decodeResponsesRequest(original), reasoningModel);
    expect(body.input).toEqual([
      { type: "message", role: "user", content: [{ type: "input_text", text: "ls" }] },
      { type: "reasoning", summary: [], encrypted_content: "gAAAAB-enc" },
      { type: "function_call", call_id: "call_A", name: "exec_command", arguments: '{"cmd":"ls"}' },
      { type: "function_call_output", call_id: "call_A", output: "a.txt" },
    ]);
    expect(body.tools).toEqual(original.tools as never);
  });
});
