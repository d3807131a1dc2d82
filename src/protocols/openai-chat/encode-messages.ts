import type { HubAssistantPart, HubImagePart, HubRequest, HubTextPart, HubUserPart } from "../../core/hub/index.ts";
import { isRecord } from "./is-record.ts";

type ChatMessage = Record<string, unknown>;
type ContentPart = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };

const joinTexts = (parts: readonly HubTextPart[], separator: string): string =>
  parts.map((part) => part.text).filter((text) => text !== "").join(separator);

function imagePart(image: HubImagePart): ContentPart {
  const url = image.source.kind === "base64" ? `data:${image.source.mediaType};base64,${image.source.data}` : image.source.url;
  return { type: "image_url", image_url: { url } };
}

/** The hub's raw-string convention (and Anthropic's `{ _raw }` wrapper of it) go back upstream unchanged. */
function toolArguments(input: unknown): string {
  if (typeof input === "string") return input;
  if (isRecord(input) && typeof input._raw === "string" && Object.keys(input).length === 1) return input._raw;
  return JSON.stringify(input ?? {});
}

/**
 * A user turn → `tool` messages for its tool results (Chat Completions wants them right after the assistant's
 * tool calls), then one user message with the rest. A tool message carries text only, so images a tool returned
 * ride in that user message behind a label naming the call.
 */
function encodeUser(parts: readonly HubUserPart[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const userContent: ContentPart[] = [];
  for (const part of parts) {
    if (part.type !== "tool-result") continue;
    const images = part.content.filter((item): item is HubImagePart => item.type === "image");
    let text = joinTexts(part.content.filter((item): item is HubTextPart => item.type === "text"), "\n");
    if (text === "") text = images.length > 0 ? "(the tool returned images; they follow in the next message)" : "(no output)";
    if (part.isError && !/^error\b/i.test(text.trimStart())) text = `Error: ${text}`;
    messages.push({ role: "tool", tool_call_id: part.toolCallId, content: text });
    if (images.length > 0) userContent.push({ type: "text", text: `Images returned by tool ${part.toolCallId}:` }, ...images.map(imagePart));
  }
  for (const part of parts) {
    if (part.type === "text" && part.text !== "") userContent.push({ type: "text", text: part.text });
    else if (part.type === "image") userContent.push(imagePart(part));
  }
  if (userContent.length === 1 && userContent[0]?.type === "text") messages.push({ role: "user", content: userContent[0].text });
  else if (userContent.length > 0) messages.push({ role: "user", content: userContent });
  return messages;
}

/**
 * An assistant turn → content + tool_calls, with its reasoning in Copilot's Claude shape: `reasoning_text` (the
 * visible thinking) and `reasoning_opaque` (the signature Copilot needs to accept the thinking back).
 */
function encodeAssistant(parts: readonly HubAssistantPart[]): ChatMessage | undefined {
  const text = joinTexts(parts.filter((part): part is HubTextPart => part.type === "text"), "\n\n");
  const reasoning = parts.filter((part) => part.type === "reasoning");
  const reasoningText = reasoning.filter((part) => !part.redacted).map((part) => part.text).join("");
  // The signature that goes with the visible thinking wins; a redacted block's data only when there is none.
  const signatureOf = (redacted: boolean) =>
    reasoning.filter((part) => Boolean(part.redacted) === redacted && part.signature).map((part) => part.signature as string).at(-1);
  const signature = signatureOf(false) ?? signatureOf(true);
  const toolCalls = parts.flatMap((part) =>
    part.type === "tool-call"
      ? [{ id: part.toolCallId, type: "function", function: { name: part.toolName, arguments: toolArguments(part.input) } }]
      : [],
  );
  if (text === "" && toolCalls.length === 0 && reasoningText === "" && signature === undefined) return undefined;
  const message: ChatMessage = { role: "assistant", content: text === "" && toolCalls.length > 0 ? null : text };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoningText !== "") message.reasoning_text = reasoningText;
  if (signature !== undefined) message.reasoning_opaque = signature;
  return message;
}

/**
 * The hub's system blocks and messages → Chat Completions messages. System blocks become one system message
 * (joined with a blank line); `role: "system"` messages stay where they were. Cache-control hints have no
 * Chat Completions field and are dropped; messages left with nothing to say are skipped.
 */
export function encodeMessages(request: HubRequest): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const system = joinTexts(request.system, "\n\n");
  if (system !== "") messages.push({ role: "system", content: system });
  for (const message of request.messages) {
    if (message.role === "system") {
      const text = joinTexts(message.content, "\n\n");
      if (text !== "") messages.push({ role: "system", content: text });
    } else if (message.role === "user") {
      messages.push(...encodeUser(message.content));
    } else {
      const assistant = encodeAssistant(message.content);
      if (assistant) messages.push(assistant);
    }
  }
  return messages;
}
