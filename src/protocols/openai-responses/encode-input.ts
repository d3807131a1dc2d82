import type { HubAssistantPart, HubImagePart, HubMessage, HubTextPart, HubToolResultPart, HubUserPart } from "../../core/hub/index.ts";
import { imageUrlFromSource } from "./image-url.ts";
import { toolArgumentsText } from "./tool-arguments-text.ts";

type Item = Record<string, unknown>;

const inputImage = (part: HubImagePart) => ({ type: "input_image", image_url: imageUrlFromSource(part.source), detail: "auto" });
const inputText = (text: string) => ({ type: "input_text", text });

/** A tool result → a function_call_output: a string when it is all text, an array of parts when it has images. */
function encodeToolResult(part: HubToolResultPart): Item {
  const hasImage = part.content.some((item) => item.type === "image");
  if (hasImage) {
    const output: Item[] = part.content.map((item) => (item.type === "image" ? inputImage(item) : inputText(item.text)));
    return { type: "function_call_output", call_id: part.toolCallId, output: part.isError ? [inputText("Error:"), ...output] : output };
  }
  let text = part.content.map((item) => (item as HubTextPart).text).join("\n");
  if (text === "") text = "(no output)";
  if (part.isError && !/^error\b/i.test(text.trimStart())) text = `Error: ${text}`;
  return { type: "function_call_output", call_id: part.toolCallId, output: text };
}

/** A user turn → its tool outputs first (they answer the calls just before), then one message with the rest. */
function encodeUser(parts: readonly HubUserPart[]): Item[] {
  const items = parts.filter((part) => part.type === "tool-result").map(encodeToolResult);
  const content = parts.flatMap((part): Item[] =>
    part.type === "text" ? (part.text === "" ? [] : [inputText(part.text)]) : part.type === "image" ? [inputImage(part)] : [],
  );
  if (content.length > 0) items.push({ type: "message", role: "user", content });
  return items;
}

/**
 * An assistant turn → items in order: text runs become one assistant message each, tool calls function_call
 * items, signed reasoning a reasoning item carrying the encrypted content back. Reasoning without a signature
 * cannot be sent back (the API only accepts reasoning it encrypted) and is skipped.
 */
function encodeAssistant(parts: readonly HubAssistantPart[]): Item[] {
  const items: Item[] = [];
  let texts: { type: "output_text"; text: string }[] = [];
  const flushTexts = () => {
    if (texts.length > 0) items.push({ type: "message", role: "assistant", content: texts });
    texts = [];
  };
  for (const part of parts) {
    if (part.type === "text") {
      if (part.text !== "") texts.push({ type: "output_text", text: part.text });
      continue;
    }
    if (part.type === "reasoning" && !part.signature) continue;
    flushTexts();
    if (part.type === "tool-call") {
      items.push({ type: "function_call", call_id: part.toolCallId, name: part.toolName, arguments: toolArgumentsText(part.input) });
    } else {
      const summary = part.text === "" ? [] : [{ type: "summary_text", text: part.text }];
      items.push({ type: "reasoning", summary, encrypted_content: part.signature });
    }
  }
  flushTexts();
  return items;
}

/** Hub messages → Responses input items; `role: "system"` messages stay in place as system messages. */
export function encodeInput(messages: readonly HubMessage[]): Item[] {
  return messages.flatMap((message): Item[] => {
    if (message.role === "user") return encodeUser(message.content);
    if (message.role === "assistant") return encodeAssistant(message.content);
    const content = message.content.filter((part) => part.text !== "").map((part) => inputText(part.text));
    return content.length > 0 ? [{ type: "message", role: "system", content }] : [];
  });
}
