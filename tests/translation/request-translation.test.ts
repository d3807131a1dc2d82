import { describe, expect, test } from "bun:test";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import type { HubRequest } from "../../src/core/hub/index.ts";
import {
  cleanJsonSchema,
  CountTokensRequestSchema,
  decodeMessagesRequest,
  type MessagesRequest,
  MessagesRequestSchema,
} from "../../src/protocols/anthropic-messages/index.ts";
import { encodeChatRequest } from "../../src/protocols/openai-chat/index.ts";
import { loadFixture } from "./helpers.ts";

const claudeCode = () => loadFixture<MessagesRequest>("claude-code-request.json");
const base = (overrides: Partial<MessagesRequest> = {}): MessagesRequest => ({
  model: "claude-sonnet-4.5",
  max_tokens: 100,
  messages: [{ role: "user", content: "hi" }],
  ...overrides,
});
const toChat = (body: MessagesRequest, options = { useMaxCompletionTokens: false, supportsThinking: true }) =>
  encodeChatRequest(decodeMessagesRequest(body), options);

describe("Anthropic request schema", () => {
  const messages = TypeCompiler.Compile(MessagesRequestSchema);
  const countTokens = TypeCompiler.Compile(CountTokensRequestSchema);

  test("accepts a Claude Code body, with its role:system message and unknown fields", () => {
    expect(messages.Check(claudeCode())).toBe(true);
  });

  test("requires max_tokens for messages but not for count_tokens", () => {
    const { max_tokens: _, ...withoutMax } = base();
    expect(messages.Check(withoutMax)).toBe(false);
    expect(countTokens.Check(withoutMax)).toBe(true);
    expect(messages.Check(base({ max_tokens: 0 }))).toBe(false);
  });

  test("rejects an unknown role and a block without a type", () => {
    expect(messages.Check({ ...base(), messages: [{ role: "tool", content: "x" }] })).toBe(false);
    expect(messages.Check({ ...base(), messages: [{ role: "user", content: [{ text: "x" }] }] })).toBe(false);
  });
});

describe("Anthropic request → hub", () => {
  const hub: HubRequest = decodeMessagesRequest(claudeCode());

  test("keeps system blocks with cache_control and the role:system message in place", () => {
    expect(hub.system).toEqual([
      { type: "text", text: "You are Claude Code, Anthropic's official CLI for Claude.", cacheControl: { type: "ephemeral" } },
      { type: "text", text: "You are an interactive agent that helps users with software engineering tasks." },
    ]);
    expect(hub.messages[0]).toEqual({ role: "system", content: [{ type: "text", text: "Output style: concise." }] });
  });

  test("decodes thinking, redacted thinking and tool_use on the assistant turn", () => {
    expect(hub.messages[2]).toEqual({
      role: "assistant",
      content: [
        { type: "reasoning", text: "I should list the directory.", signature: "sig-thinking-1" },
        { type: "reasoning", text: "", signature: "redacted-blob", redacted: true },
        { type: "text", text: "Let me check." },
        { type: "tool-call", toolCallId: "toolu_ls", toolName: "Bash", input: { command: "ls /tmp" } },
        { type: "tool-call", toolCallId: "toolu_shot", toolName: "Screenshot", input: {} },
      ],
    });
  });

  test("decodes tool results with is_error and images onto the user turn", () => {
    expect(hub.messages[3]?.content.slice(0, 2)).toEqual([
      { type: "tool-result", toolCallId: "toolu_ls", content: [{ type: "text", text: "ls: cannot access '/tmp': Permission denied" }], isError: true },
      {
        type: "tool-result",
        toolCallId: "toolu_shot",
        content: [
          { type: "text", text: "Screenshot taken" },
          { type: "image", source: { kind: "url", url: "https://example.com/shot.png" } },
        ],
      },
    ]);
  });

  test("drops server tools and cleans $schema from input schemas, but not a property named $schema", () => {
    expect(hub.tools?.map((tool) => tool.name)).toEqual(["Bash", "Screenshot"]);
    expect(hub.tools?.[0]?.inputSchema).toEqual({
      type: "object",
      properties: {
        command: { type: "string", description: "The command" },
        $schema: { type: "string", description: "a property that happens to be named $schema" },
        options: { type: "object", properties: { timeout: { type: "number" } }, additionalProperties: false },
      },
      required: ["command"],
      additionalProperties: false,
    });
    expect(hub.tools?.[1]?.inputSchema).toEqual({ type: "object", properties: {} });
  });

  test("maps sampling, limits, thinking budget, tool choice and metadata", () => {
    expect(hub).toMatchObject({
      toolChoice: { type: "auto" },
      parallelToolCalls: false,
      maxOutputTokens: 32000,
      temperature: 1,
      topP: 0.95,
      topK: 40,
      stopSequences: ["\n\nHuman:"],
      reasoning: { budgetTokens: 10000 },
      user: "user_abc_account_123_session_456",
      stream: true,
    });
  });

  test("maps each tool_choice and adaptive thinking", () => {
    expect(decodeMessagesRequest(base({ tool_choice: { type: "any" } })).toolChoice).toEqual({ type: "required" });
    expect(decodeMessagesRequest(base({ tool_choice: { type: "none" } })).toolChoice).toEqual({ type: "none" });
    expect(decodeMessagesRequest(base({ tool_choice: { type: "tool", name: "Bash" } })).toolChoice).toEqual({ type: "tool", toolName: "Bash" });
    expect(decodeMessagesRequest(base({ thinking: { type: "adaptive" } })).reasoning).toEqual({ adaptive: true });
    expect(decodeMessagesRequest(base({ thinking: { type: "disabled" } })).reasoning).toBeUndefined();
  });

  test("cleans nested schemas inside anyOf, items and $defs without mutating the original", () => {
    const original = { $schema: "x", type: "object", properties: { list: { type: "array", items: { $id: "i", anyOf: [{ $comment: "c", type: "string" }] } } } };
    const copy = structuredClone(original);
    expect(cleanJsonSchema(original)).toEqual({ type: "object", properties: { list: { type: "array", items: { anyOf: [{ type: "string" }] } } } });
    expect(original).toEqual(copy);
  });

  test("copies only what changes: clean subschemas are the input's own objects, and a property named $schema stays", () => {
    const clean = { type: "object", properties: { a: { type: "string" } }, required: ["a"] };
    const original = {
      $schema: "x",
      type: "object",
      properties: { $schema: { type: "string" }, keep: clean, drop: { $id: "d", type: "number" }, list: { anyOf: [clean, { $comment: "c" }] } },
    };
    const copy = structuredClone(original);
    const cleaned = cleanJsonSchema(original);
    const properties = cleaned.properties as Record<string, unknown>;
    expect(cleaned).toEqual({
      type: "object",
      properties: { $schema: { type: "string" }, keep: clean, drop: { type: "number" }, list: { anyOf: [clean, {}] } },
    });
    expect(Object.keys(properties)).toEqual(["$schema", "keep", "drop", "list"]);
    expect(properties.keep).toBe(clean);
    expect((properties.list as { anyOf: unknown[] }).anyOf[0]).toBe(clean);
    expect(original).toEqual(copy);
    const untouched = { type: "object", properties: { a: clean } };
    const same = cleanJsonSchema(untouched);
    expect(same).not.toBe(untouched);
    expect(same.properties).toBe(untouched.properties);
  });
});

describe("hub → Chat Completions request for Copilot", () => {
  test("translates a whole Claude Code turn", () => {
    const body = toChat(claudeCode());
    expect(body.messages).toEqual([
      {
        role: "system",
        content: "You are Claude Code, Anthropic's official CLI for Claude.\n\nYou are an interactive agent that helps users with software engineering tasks.",
      },
      { role: "system", content: "Output style: concise." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is in /tmp? Also look at this." },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
        ],
      },
      {
        role: "assistant",
        content: "Let me check.",
        tool_calls: [
          { id: "toolu_ls", type: "function", function: { name: "Bash", arguments: '{"command":"ls /tmp"}' } },
          { id: "toolu_shot", type: "function", function: { name: "Screenshot", arguments: "{}" } },
        ],
        reasoning_text: "I should list the directory.",
        reasoning_opaque: "sig-thinking-1",
      },
      { role: "tool", tool_call_id: "toolu_ls", content: "Error: ls: cannot access '/tmp': Permission denied" },
      { role: "tool", tool_call_id: "toolu_shot", content: "Screenshot taken" },
      {
        role: "user",
        content: [
          { type: "text", text: "Images returned by tool toolu_shot:" },
          { type: "image_url", image_url: { url: "https://example.com/shot.png" } },
          { type: "text", text: "<system-reminder>The todo list is empty.</system-reminder>" },
        ],
      },
    ]);
    const { messages: _, tools, ...rest } = body;
    expect(rest).toEqual({
      model: "claude-sonnet-4-5-20250929",
      tool_choice: "auto",
      parallel_tool_calls: false,
      max_tokens: 32000,
      temperature: 1,
      top_p: 0.95,
      stop: ["\n\nHuman:"],
      thinking_budget: 10000,
      user: "user_abc_account_123_session_456",
      stream: true,
      stream_options: { include_usage: true },
    });
    expect((tools as { function: { name: string } }[]).map((tool) => tool.function.name)).toEqual(["Bash", "Screenshot"]);
    expect((tools as unknown[])[1]).toEqual({
      type: "function",
      function: { name: "Screenshot", description: "Take a screenshot", parameters: { type: "object", properties: {} } },
    });
  });

  test("uses max_completion_tokens when asked, and sends thinking_budget only to models that take it", () => {
    const body = toChat(base({ thinking: { type: "enabled", budget_tokens: 2048 }, stream: false }), { useMaxCompletionTokens: true, supportsThinking: false });
    expect(body).toEqual({ model: "claude-sonnet-4.5", messages: [{ role: "user", content: "hi" }], max_completion_tokens: 100, stream: false });
  });

  test("maps tool_choice to its Chat Completions spelling", () => {
    const withTools = (tool_choice: MessagesRequest["tool_choice"]) =>
      toChat(base({ tools: [{ name: "Bash", input_schema: { type: "object" } }], tool_choice })).tool_choice;
    expect(withTools({ type: "any" })).toBe("required");
    expect(withTools({ type: "none" })).toBe("none");
    expect(withTools({ type: "tool", name: "Bash" })).toEqual({ type: "function", function: { name: "Bash" } });
  });

  test("does not double an Error prefix, and labels a tool result that only returned an image", () => {
    const body = toChat(
      base({
        messages: [
          { role: "assistant", content: [{ type: "tool_use", id: "a", name: "X", input: {} }, { type: "tool_use", id: "b", name: "Y", input: {} }] },
          {
            role: "user",
            content: [
              { type: "tool_result", tool_use_id: "a", is_error: true, content: [{ type: "text", text: "Error: boom" }] },
              { type: "tool_result", tool_use_id: "b", content: [{ type: "image", source: { type: "base64", media_type: "image/jpeg", data: "AAA" } }] },
            ],
          },
        ],
      }),
    );
    expect((body.messages as unknown[]).slice(1)).toEqual([
      { role: "tool", tool_call_id: "a", content: "Error: boom" },
      { role: "tool", tool_call_id: "b", content: "(the tool returned images; they follow in the next message)" },
      {
        role: "user",
        content: [
          { type: "text", text: "Images returned by tool b:" },
          { type: "image_url", image_url: { url: "data:image/jpeg;base64,AAA" } },
        ],
      },
    ]);
  });
});
