import { describe, expect, test } from "bun:test";
import {
  type MessagesMessage,
  type MessagesRequest,
  messagesHasImage,
  messagesInitiator,
  messagesInteractionType,
} from "../../src/protocols/anthropic-messages/index.ts";

const body = (messages: MessagesMessage[], system?: MessagesRequest["system"]): MessagesRequest => ({
  model: "claude-sonnet-4.5",
  max_tokens: 1000,
  messages,
  ...(system !== undefined ? { system } : {}),
});
const ask: MessagesMessage = { role: "user", content: "Fix the failing test" };
const toolCall: MessagesMessage = { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "Bash", input: { command: "bun test" } }] };
const toolResult = (extra: MessagesMessage["content"] = []): MessagesMessage => ({
  role: "user",
  content: [{ type: "tool_result", tool_use_id: "t1", content: "1 fail" }, ...(extra as { type: string }[])],
});
const classify = (request: MessagesRequest) => [messagesInitiator(request), messagesInteractionType(request)];

describe("who started the turn (X-Initiator, PROTOCOL.md §6)", () => {
  test("a plain user prompt is the user's (premium)", () => {
    expect(classify(body([ask]))).toEqual(["user", "conversation-panel"]);
  });

  test("a turn made only of tool results is the agent's", () => {
    expect(classify(body([ask, toolCall, toolResult()]))).toEqual(["agent", "conversation-agent"]);
  });

  test("tool results with real user text are the user's", () => {
    expect(classify(body([ask, toolCall, toolResult([{ type: "text", text: "also, use bun" }])]))).toEqual(["user", "conversation-panel"]);
  });

  test("tool results carrying only Claude Code system reminders stay the agent's", () => {
    const reminder = { type: "text", text: "<system-reminder>\nThe todo list changed.\n</system-reminder>" };
    expect(classify(body([ask, toolCall, toolResult([reminder])]))).toEqual(["agent", "conversation-agent"]);
  });

  test("a compaction request is agent work, whether the prompt is the last user text or in the system", () => {
    const compact: MessagesMessage = {
      role: "user",
      content: [{ type: "text", text: "Your task is to create a detailed summary of the conversation so far, paying close attention to the user's explicit requests." }],
    };
    expect(classify(body([ask, { role: "assistant", content: "Done." }, compact]))).toEqual(["agent", "conversation-compaction"]);
    const inSystem = body([ask], [{ type: "text", text: "Your task is to create a detailed summary of the conversation so far." }]);
    expect(classify(inSystem)).toEqual(["agent", "conversation-compaction"]);
  });

  test("auto-continue after a max_tokens stop is agent work, including Claude Code's recovery prompt", () => {
    const cut: MessagesMessage = { role: "assistant", content: "Here is the first half of the" };
    for (const text of ["Continue from where you left off.", "Please continue", "Output token limit hit. Resume directly — no apology, no recap of what you were doing."]) {
      expect(classify(body([ask, cut, { role: "user", content: text }]))).toEqual(["agent", "conversation-agent"]);
    }
    // The same words opening a conversation are a person asking.
    expect(messagesInitiator(body([{ role: "user", content: "Continue" }]))).toBe("user");
  });

  test("an assistant prefill as the last message is agent work", () => {
    expect(classify(body([ask, { role: "assistant", content: "{" }]))).toEqual(["agent", "conversation-agent"]);
  });

  test("a trailing role:system message does not hide the turn before it", () => {
    expect(messagesInitiator(body([ask, toolCall, toolResult(), { role: "system", content: "Be brief." }]))).toBe("agent");
    expect(messagesInitiator(body([ask, { role: "system", content: "Be brief." }]))).toBe("user");
  });

  test("a Task subagent's turns are agent work with their own interaction type", () => {
    const system = [
      { type: "text", text: "You are Claude Code, Anthropic's official CLI for Claude." },
      { type: "text", text: "You are an agent for Claude Code, Anthropic's official CLI for Claude. Given the user's message, use the tools available." },
    ];
    expect(classify(body([{ role: "user", content: "Find all TODOs in src/" }], system))).toEqual(["agent", "conversation-subagent"]);
    const explore = "You are a file search specialist for Claude Code, Anthropic's official CLI for Claude.";
    expect(classify(body([ask], explore))).toEqual(["agent", "conversation-subagent"]);
    // The main loop's prompt only mentions agents.
    expect(classify(body([ask], "You are an interactive agent that helps users. Use the Task tool to launch an agent for Claude Code tasks."))).toEqual([
      "user",
      "conversation-panel",
    ]);
  });
});

describe("images (copilot-vision-request)", () => {
  test("finds images in messages and inside tool results, and nothing in plain text", () => {
    const image = { type: "image", source: { type: "base64", media_type: "image/png", data: "AAA" } };
    expect(messagesHasImage([ask])).toBe(false);
    expect(messagesHasImage([{ role: "user", content: [image] }])).toBe(true);
    expect(messagesHasImage([ask, toolCall, { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: [image] }] }])).toBe(true);
    expect(messagesHasImage([ask, toolCall, toolResult()])).toBe(false);
  });
});
