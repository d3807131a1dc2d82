import type { HubAssistantPart, HubImagePart, HubRequest, HubTextPart, HubToolResultPart, HubUserPart } from "../../core/hub/index.ts";
import { toolInputObject } from "../anthropic-messages/tool-input-object.ts";
import { encodeImage } from "./encode-image.ts";

export interface OllamaToolCallRequest {
  id: string;
  function: { name: string; arguments: Record<string, unknown> };
}

/** One `/api/chat` message as the relay sends it (api/types.go `Message`). */
export interface OllamaMessageOut {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  thinking?: string;
  images?: string[];
  tool_calls?: OllamaToolCallRequest[];
  tool_name?: string;
  tool_call_id?: string;
}

const joinTexts = (parts: readonly (HubUserPart | HubAssistantPart)[], separator: string): string =>
  parts.flatMap((part) => (part.type === "text" && part.text !== "" ? [part.text] : [])).join(separator);

/** The base64 images of some parts; URLs have no place on Ollama's wire and are noted as dropped. */
function encodeImages(parts: readonly (HubTextPart | HubImagePart)[], dropped: string[]): { images?: string[] } {
  const images: string[] = [];
  for (const part of parts) {
    if (part.type !== "image") continue;
    const data = encodeImage(part);
    if (data !== undefined) images.push(data);
    else if (part.source.kind === "url") dropped.push(`image ${part.source.url.slice(0, 100)}: Ollama takes base64 images, not URLs`);
  }
  return images.length > 0 ? { images } : {};
}

/** Tool names by call id, so a result can name the tool it answers (`tool_name`; Ollama's templates show it). */
function toolNamesById(request: HubRequest): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of request.messages) {
    if (message.role !== "assistant") continue;
    for (const part of message.content) if (part.type === "tool-call") names.set(part.toolCallId, part.toolName);
  }
  return names;
}

/** A tool result → a `tool` message: its text, its images, the tool's name and the call id (newer Ollama pairs on it). */
function encodeToolResult(part: HubToolResultPart, names: ReadonlyMap<string, string>, dropped: string[]): OllamaMessageOut {
  let content = joinTexts(part.content, "\n");
  if (part.isError && !/^error\b/i.test(content.trimStart())) content = content === "" ? "Error" : `Error: ${content}`;
  const name = names.get(part.toolCallId);
  return {
    role: "tool",
    content,
    ...encodeImages(part.content, dropped),
    ...(name !== undefined ? { tool_name: name } : {}),
    tool_call_id: part.toolCallId,
  };
}

/** A user turn → its tool results first (each a `tool` message, right after the calls they answer), then the rest. */
function encodeUser(parts: readonly HubUserPart[], names: ReadonlyMap<string, string>, dropped: string[]): OllamaMessageOut[] {
  const messages = parts.flatMap((part) => (part.type === "tool-result" ? [encodeToolResult(part, names, dropped)] : []));
  const rest = parts.filter((part): part is HubTextPart | HubImagePart => part.type !== "tool-result");
  const content = joinTexts(rest, "\n\n");
  const images = encodeImages(rest, dropped);
  if (content !== "" || images.images) messages.push({ role: "user", content, ...images });
  return messages;
}

/**
 * An assistant turn → content, `thinking` (the visible reasoning; signatures and redacted reasoning have no field)
 * and `tool_calls` with object arguments, each with its id so a newer Ollama pairs the results.
 */
function encodeAssistant(parts: readonly HubAssistantPart[]): OllamaMessageOut | undefined {
  const content = joinTexts(parts, "\n\n");
  const thinking = parts.flatMap((part) => (part.type === "reasoning" && !part.redacted ? [part.text] : [])).join("");
  const toolCalls = parts.flatMap((part) =>
    part.type === "tool-call" ? [{ id: part.toolCallId, function: { name: part.toolName, arguments: toolInputObject(part.input) } }] : [],
  );
  if (content === "" && thinking === "" && toolCalls.length === 0) return undefined;
  return { role: "assistant", content, ...(thinking !== "" ? { thinking } : {}), ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) };
}

/**
 * The hub's system blocks and messages → `/api/chat` messages. The system prompt is one leading system message
 * (blocks joined by a blank line); system messages among the others stay in place; cache-control hints have no
 * field. Ollama needs no alternation, so turns go as they are; a turn left with nothing to say is skipped.
 */
export function encodeOllamaMessages(request: HubRequest, dropped: string[]): OllamaMessageOut[] {
  const names = toolNamesById(request);
  const messages: OllamaMessageOut[] = [];
  const system = joinTexts(request.system, "\n\n");
  if (system !== "") messages.push({ role: "system", content: system });
  for (const message of request.messages) {
    if (message.role === "system") {
      const content = joinTexts(message.content, "\n\n");
      if (content !== "") messages.push({ role: "system", content });
    } else if (message.role === "user") messages.push(...encodeUser(message.content, names, dropped));
    else {
      const assistant = encodeAssistant(message.content);
      if (assistant) messages.push(assistant);
    }
  }
  return messages;
}
