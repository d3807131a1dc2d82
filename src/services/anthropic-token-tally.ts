import { imageSourceTokens, UNKNOWN_IMAGE_TOKENS } from "./image-tokens.ts";

/**
 * What an Anthropic Messages request is made of, for token counting: text to run through a tokenizer, plus parts
 * whose cost is known in Claude's own units (images, documents, built-in tools, the tool-use system prompt).
 */
export type TextCounter = (text: string) => number;

/** Anthropic adds a tool-use system prompt when tools are given: 346 tokens for Claude 4 models with tool_choice auto. */
const CLAUDE_TOOLS_PROMPT_TOKENS = 346;
const OTHER_TOOLS_PROMPT_TOKENS = 16;
/** Role markers and separators around each message, and the primed assistant turn. */
const REQUEST_OVERHEAD = 3;
const MESSAGE_OVERHEAD = 4;
const TOOL_DEFINITION_OVERHEAD = 8;
const TOOL_USE_OVERHEAD = 12;
const TOOL_RESULT_OVERHEAD = 8;
/** Anthropic-defined tools (bash_20250124, text_editor_…, computer_…) carry hidden definitions of 250–750 tokens. */
const BUILT_IN_TOOL_TOKENS = 750;
/** A PDF page costs its text plus an image of the page (Anthropic: 1,500–3,000 tokens a page). */
const PDF_PAGE_TOKENS = 3000;
const MAX_DEPTH = 12;

export function safeJson(value: unknown): string {
  try {
    return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  } catch {
    return "";
  }
}

export interface Tally {
  /** Tokens of text, in the tokenizer's units (scaled for Claude afterwards). */
  text: number;
  /** Tokens already in the target model's units: images, documents, built-in tool definitions. */
  fixed: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Walks a parsed Anthropic Messages request (system, messages, tools), tolerating any shape. */
export function tallyAnthropicRequest(body: unknown, countText: TextCounter, claude: boolean): Tally {
  const tally: Tally = { text: REQUEST_OVERHEAD, fixed: 0 };
  if (!isRecord(body)) return tally;
  const addContent = (content: unknown, depth: number): void => countContent(content, countText, tally, depth);

  addContent(body.system, 0);
  if (Array.isArray(body.messages)) {
    for (const message of body.messages) {
      tally.text += MESSAGE_OVERHEAD;
      if (isRecord(message)) addContent(message.content, 0);
    }
  }
  if (Array.isArray(body.tools) && body.tools.length > 0) {
    tally.fixed += claude ? CLAUDE_TOOLS_PROMPT_TOKENS : OTHER_TOOLS_PROMPT_TOKENS;
    for (const tool of body.tools) countTool(tool, countText, tally);
  }
  return tally;
}

function countTool(tool: unknown, countText: TextCounter, tally: Tally): void {
  if (!isRecord(tool)) return;
  tally.text += TOOL_DEFINITION_OVERHEAD;
  const type = typeof tool.type === "string" ? tool.type : "custom";
  if (type !== "custom" && tool.input_schema === undefined) {
    tally.fixed += BUILT_IN_TOOL_TOKENS;
    tally.text += countText(typeof tool.name === "string" ? tool.name : "");
    return;
  }
  const name = typeof tool.name === "string" ? tool.name : "";
  const description = typeof tool.description === "string" ? tool.description : "";
  // One string per tool: stringified once, and cached as a whole on the next request.
  tally.text += countText(`${name}\n${description}\n${safeJson(tool.input_schema ?? {})}`);
}

function countContent(content: unknown, countText: TextCounter, tally: Tally, depth: number): void {
  if (typeof content === "string") {
    tally.text += countText(content);
    return;
  }
  if (!Array.isArray(content) || depth > MAX_DEPTH) return;
  for (const block of content) {
    if (typeof block === "string") tally.text += countText(block);
    else if (isRecord(block)) countBlock(block, countText, tally, depth);
  }
}

function countBlock(block: Record<string, unknown>, countText: TextCounter, tally: Tally, depth: number): void {
  const text = (key: string): number => (typeof block[key] === "string" ? countText(block[key] as string) : 0);
  switch (block.type) {
    case "text":
      tally.text += text("text");
      return;
    case "thinking":
      tally.text += text("thinking");
      return;
    case "redacted_thinking":
      return; // Encrypted; earlier turns' thinking is dropped from the context by Anthropic anyway.
    case "image":
      tally.fixed += imageSourceTokens(block.source);
      return;
    case "tool_use":
    case "server_tool_use":
      tally.text += TOOL_USE_OVERHEAD + text("name") + countText(safeJson(block.input ?? {}));
      return;
    case "tool_result":
      tally.text += TOOL_RESULT_OVERHEAD;
      countContent(block.content, countText, tally, depth + 1);
      return;
    case "document":
      countDocument(block, countText, tally, depth);
      return;
    default:
      countUnknown(block, countText, tally, depth);
  }
}

function countDocument(block: Record<string, unknown>, countText: TextCounter, tally: Tally, depth: number): void {
  tally.text += (typeof block.title === "string" ? countText(block.title) : 0) + (typeof block.context === "string" ? countText(block.context) : 0);
  const source = isRecord(block.source) ? block.source : {};
  if (source.type === "text" && typeof source.data === "string") tally.text += countText(source.data);
  else if (source.type === "content") countContent(source.content, countText, tally, depth + 1);
  else if (source.type === "base64" && typeof source.data === "string") tally.fixed += pdfTokens(source.data);
  else tally.fixed += UNKNOWN_IMAGE_TOKENS;
}

/**
 * PDFs cannot be sized from a header. Pages are counted from "/Type /Page" objects; a PDF whose page objects sit
 * in compressed object streams shows none, and then one page per 40 KB is assumed. Only PDFs pay this decode.
 */
function pdfTokens(data: string): number {
  const bytes = Buffer.from(data.startsWith("data:") ? data.slice(data.indexOf(",") + 1) : data, "base64");
  const pages = bytes.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  return Math.max(1, pages || Math.ceil(bytes.length / 40_000)) * PDF_PAGE_TOKENS;
}

/** Future or rare blocks (search_result, web_search_tool_result, …): count their strings, skip opaque payloads. */
function countUnknown(value: unknown, countText: TextCounter, tally: Tally, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === "string") {
    tally.text += countText(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) countUnknown(item, countText, tally, depth + 1);
    return;
  }
  if (!isRecord(value)) return;
  if (value.type === "image") {
    tally.fixed += imageSourceTokens(value.source);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key === "type" || key === "cache_control" || key === "signature" || key === "data" || key === "encrypted_content" || key === "id") continue;
    countUnknown(item, countText, tally, depth + 1);
  }
}
