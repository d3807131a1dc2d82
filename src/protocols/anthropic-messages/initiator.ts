import type { Initiator } from "../../core/hub/index.ts";
import { blockText } from "./is-record.ts";
import { messageTexts, systemTexts } from "./message-texts.ts";
import type { CountTokensRequest, MessagesMessage } from "./schema.ts";

export type MessagesInteractionType =
  | "conversation-compaction"
  | "conversation-agent"
  | "conversation-panel"
  | "conversation-subagent";

type Body = Pick<CountTokensRequest, "system" | "messages">;

/**
 * Claude Code's /compact and auto-compact prompt ("Your task is to create a detailed summary of the conversation so
 * far…"), sent as the last user message (older versions: in the system). A plain substring search: the system
 * prompt it is looked for in runs to tens of kilobytes, where a case-insensitive regex costs ~10 µs per request.
 */
const compactionMarker = "detailed summary of the conversation so far";

/**
 * Task subagents run with their own system prompt: "You are an agent for Claude Code, Anthropic's official CLI…"
 * (general-purpose), "You are a file search specialist for Claude Code…" (Explore), "You are a software architect
 * and planning specialist for Claude Code…" (Plan), "You are the Claude guide agent…". The main loop's prompt
 * ("You are Claude Code, …", "You are an interactive agent that helps users…") matches neither pattern. Anchored to
 * a line start so a prompt that merely mentions subagents does not match.
 */
const subagentPatterns = [/^You are an? (?:[\w-]+ ){0,5}(?:agent|specialist) for Claude Code\b/m, /^You are the Claude guide agent\b/m];
/** Each pattern runs only where its literal part occurs, so long prompts that are no subagent's cost one search. */
const subagentLiterals = ["for Claude Code", "You are the Claude guide agent"];

/**
 * Turns Claude Code sends by itself after a `max_tokens` stop: its recovery prompt ("Output token limit hit.
 * Resume directly — no apology…", Claude Code 2.x) and the plain "Continue from where you left off." / "Please
 * continue" nudges. Only counted when they follow an assistant message, i.e. they continue its output. A person
 * typing exactly "continue" is indistinguishable and is also treated as agent work; a small, deliberate leak.
 */
const autoContinuePatterns = [/^Output token limit hit\. Resume directly/i, /^(?:please\s+)?continue(?:\s+from where you left off)?[.!]?$/i];

/** Claude Code attaches `<system-reminder>` text blocks to tool results (todo nudges, file changes); not user input. */
const isSystemReminder = (text: string): boolean => {
  const trimmed = text.trim();
  return trimmed.startsWith("<system-reminder>") && trimmed.endsWith("</system-reminder>");
};

function isCompaction(body: Body, last: MessagesMessage | undefined): boolean {
  const lastTexts = last?.role === "user" ? messageTexts(last.content) : [];
  return [...lastTexts, ...systemTexts(body)].some((text) => text.includes(compactionMarker));
}

const isSubagent = (body: Body): boolean =>
  systemTexts(body).some((text) => subagentPatterns.some((pattern, index) => text.includes(subagentLiterals[index] as string) && pattern.test(text)));

/** Every block a tool_result, once system reminders are set aside; mixed with real text it is the user's turn. */
function isToolResultTurn(message: MessagesMessage): boolean {
  if (typeof message.content === "string") return false;
  const blocks = message.content.filter((block) => !isSystemReminder(blockText(block) ?? ""));
  return blocks.length > 0 && blocks.every((block) => block.type === "tool_result");
}

function isAutoContinue(message: MessagesMessage, previous: MessagesMessage | undefined): boolean {
  if (previous?.role !== "assistant") return false;
  const texts = messageTexts(message.content).filter((text) => !isSystemReminder(text));
  if (typeof message.content !== "string" && message.content.some((block) => block.type !== "text")) return false;
  return texts.length === 1 && autoContinuePatterns.some((pattern) => pattern.test((texts[0] as string).trim()));
}

function classify(body: Body): MessagesInteractionType {
  // Claude Code's role:"system" messages are instructions, not turns: the turn is decided by the last other one.
  const turns = body.messages.filter((message) => message.role !== "system");
  const last = turns.at(-1);
  if (isCompaction(body, last)) return "conversation-compaction";
  if (isSubagent(body)) return "conversation-subagent";
  if (!last) return "conversation-panel";
  if (last.role === "assistant") return "conversation-agent"; // prefill: the model continues its own message
  if (isToolResultTurn(last) || isAutoContinue(last, turns.at(-2))) return "conversation-agent";
  return "conversation-panel";
}

/**
 * PROTOCOL.md §6: Copilot bills a premium request for each `user` turn and none for `agent` turns. Agent work is a
 * tool-result-only turn, an assistant prefill, a compaction, an auto-continue, and every turn of a subagent (its
 * first prompt is written by the main agent's Task call, not by the person).
 */
export function messagesInitiator(body: Body): Initiator {
  return classify(body) === "conversation-panel" ? "user" : "agent";
}

/** The `x-interaction-type` header for the same turn (PROTOCOL.md §4). */
export function messagesInteractionType(body: Body): MessagesInteractionType {
  return classify(body);
}
