import { describe, expect, test } from "bun:test";
import type { HubRequest } from "../../src/core/hub/index.ts";
import { decodeMessagesRequest, encodeMessagesRequest, type MessagesRequest } from "../../src/protocols/anthropic-messages/index.ts";
import type { WireOptions } from "../../src/protocols/dialect.ts";
import { loadFixture } from "./helpers.ts";

const claudeOptions: WireOptions = { useMaxCompletionTokens: false, reasoningEffort: false, thinkingBudget: { min: 1024, max: 32000 } };
const hub = (overrides: Partial<HubRequest> = {}): HubRequest => ({
  model: "claude-sonnet-4.5",
  system: [],
  messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
  stream: false,
  ...overrides,
});
const encode = (overrides: Partial<HubRequest> = {}, options = claudeOptions) => encodeMessagesRequest(hub(overrides), options);

describe("hub → Anthropic Messages request", () => {
  test("re-encodes a Claude Code body: system with cache_control, blocks, tools, and the role:system message joined to the system prompt", () => {
    const body = encodeMessagesRequest(decodeMessagesRequest(loadFixture<MessagesRequest>("claude-code-request.json")), claudeOptions);
    expect(body).toEqual({
      model: "claude-sonnet-4-5-20250929",
      system: [
        { type: "text", text: "You are Claude Code, Anthropic's official CLI for Claude.", cache_control: { type: "ephemeral" } },
        { type: "text", text: "You are an interactive agent that helps users with software engineering tasks." },
        { type: "text", text: "Output style: concise." },
      ],
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is in /tmp? Also look at this.", cache_control: { type: "ephemeral" } },
            { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "I should list the directory.", signature: "sig-thinking-1" },
            { type: "redacted_thinking", data: "redacted-blob" },
            { type: "text", text: "Let me check." },
            { type: "tool_use", id: "toolu_ls", name: "Bash", input: { command: "ls /tmp" } },
            { type: "tool_use", id: "toolu_shot", name: "Screenshot", input: {} },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_ls", content: [{ type: "text", text: "ls: cannot access '/tmp': Permission denied" }], is_error: true },
            {
              type: "tool_result",
              tool_use_id: "toolu_shot",
              content: [
                { type: "text", text: "Screenshot taken" },
                { type: "image", source: { type: "url", url: "https://example.com/shot.png" } },
              ],
            },
            { type: "text", text: "<system-reminder>The todo list is empty.</system-reminder>" },
          ],
        },
      ],
      max_tokens: 32000,
      tools: [
        expect.objectContaining({ name: "Bash", description: "Run a shell command" }),
        { name: "Screenshot", description: "Take a screenshot", input_schema: { type: "object", properties: {} } },
      ],
      tool_choice: { type: "auto", disable_parallel_tool_use: true },
      // Thinking is on, so Anthropic accepts temperature 1 and top_p ≥ 0.95 but no top_k.
      temperature: 1,
      top_p: 0.95,
      stop_sequences: ["\n\nHuman:"],
      thinking: { type: "enabled", budget_tokens: 10000 },
      metadata: { user_id: "user_abc_account_123_session_456" },
      stream: true,
    });
  });

  test("merges consecutive messages of one role, keeping tool results first, and skips reasoning without a signature", () => {
    const body = encode({
      messages: [
        { role: "user", content: [{ type: "text", text: "go" }] },
        { role: "assistant", content: [{ type: "reasoning", text: "unsigned thoughts" }, { type: "tool-call", toolCallId: "c1", toolName: "Run", input: '{"x": ' }] },
        { role: "user", content: [{ type: "tool-result", toolCallId: "c1", content: [] }] },
        { role: "user", content: [{ type: "text", text: "and then?" }] },
        { role: "user", content: [{ type: "tool-result", toolCallId: "c2", content: [{ type: "text", text: "late" }] }] },
        { role: "assistant", content: [{ type: "reasoning", text: "only this" }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "go" }] },
      { role: "assistant", content: [{ type: "tool_use", id: "c1", name: "Run", input: { _raw: '{"x": ' } }] },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "c1" },
          { type: "tool_result", tool_use_id: "c2", content: [{ type: "text", text: "late" }] },
          { type: "text", text: "and then?" },
        ],
      },
    ]);
  });

  test("sends 8192 as max_tokens when the client gave no limit, on top of the thinking budget when thinking is on", () => {
    expect(encode().max_tokens).toBe(8192);
    expect(encode({ maxOutputTokens: 500 }).max_tokens).toBe(500);
    expect(encode({ reasoning: { effort: "high" } })).toMatchObject({ max_tokens: 8192 + 16384, thinking: { type: "enabled", budget_tokens: 16384 } });
  });

  test("derives a thinking budget from an effort, clamped to the model's bounds and kept below max_tokens", () => {
    expect(encode({ reasoning: { effort: "medium" } }).thinking).toEqual({ type: "enabled", budget_tokens: 8192 });
    expect(encode({ reasoning: { effort: "xhigh" }, maxOutputTokens: 64000 }, { ...claudeOptions, thinkingBudget: { min: 1024, max: 24000 } }).thinking).toEqual({
      type: "enabled",
      budget_tokens: 24000,
    });
    expect(encode({ reasoning: { budgetTokens: 20000 }, maxOutputTokens: 16000 }).thinking).toEqual({ type: "enabled", budget_tokens: 15999 });
    expect(encode({ reasoning: { budgetTokens: 500 } }, { ...claudeOptions, thinkingBudget: undefined }).thinking).toEqual({ type: "enabled", budget_tokens: 1024 });
    expect(encode({ reasoning: { budgetTokens: 4000 }, maxOutputTokens: 1000 }).thinking).toBeUndefined();
    expect(encode({ reasoning: { adaptive: true, effort: "high" } }).thinking).toBeUndefined();
    expect(encode({ reasoning: { disabled: true } }).thinking).toBeUndefined();
    expect(encode({ reasoning: { effort: "none" } }).thinking).toBeUndefined();
  });

  test("leaves thinking out when the tool choice forces a tool, and keeps sampling fields when thinking is off", () => {
    const body = encode({
      tools: [{ name: "Run", inputSchema: { type: "object", properties: {} }, strict: true }],
      toolChoice: { type: "tool", toolName: "Run" },
      reasoning: { budgetTokens: 4000 },
      temperature: 1.6,
      topP: 0.5,
      topK: 10,
    });
    expect(body).toMatchObject({ tool_choice: { type: "tool", name: "Run" }, temperature: 1, top_p: 0.5, top_k: 10 });
    expect(body.thinking).toBeUndefined();
    expect(body.tools).toEqual([{ name: "Run", input_schema: { type: "object", properties: {} } }]);
  });

  test("maps each tool choice, and sends none without tools", () => {
    const tools = [{ name: "Run", inputSchema: { type: "object" } }];
    expect(encode({ tools, toolChoice: { type: "required" }, parallelToolCalls: false }).tool_choice).toEqual({ type: "any", disable_parallel_tool_use: true });
    expect(encode({ tools, toolChoice: { type: "none" } }).tool_choice).toEqual({ type: "none" });
    expect(encode({ tools, parallelToolCalls: false }).tool_choice).toEqual({ type: "auto", disable_parallel_tool_use: true });
    expect(encode({ tools, parallelToolCalls: true }).tool_choice).toBeUndefined();
    expect(encode({ toolChoice: { type: "auto" } })).not.toHaveProperty("tool_choice");
  });

  test("adds nothing for structured output, seed or penalties, which Messages has no field for", () => {
    const body = encode({
      system: [{ type: "text", text: "Answer in JSON." }],
      responseFormat: { type: "json-schema", name: "answer", schema: { type: "object" } },
      seed: 7,
      frequencyPenalty: 0.5,
      presencePenalty: 0.5,
      stream: true,
    });
    expect(body).toEqual({
      model: "claude-sonnet-4.5",
      system: [{ type: "text", text: "Answer in JSON." }],
      messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
      max_tokens: 8192,
      stream: true,
    });
  });
});
