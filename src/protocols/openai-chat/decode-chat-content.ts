import type { HubImagePart, HubTextPart } from "../../core/hub/index.ts";
import { isRecord } from "./is-record.ts";

const dataUrl = /^data:([^;,]*)((?:;[^;,]*)*);base64,/i;

/**
 * An `image_url` (`{url, detail}` or a bare string; `input_image` spells it the same) → a hub image: a base64 data
 * URL becomes a base64 source, anything else a URL source. `detail` has no hub field.
 */
export function decodeChatImage(imageUrl: unknown): HubImagePart | undefined {
  const url = typeof imageUrl === "string" ? imageUrl : isRecord(imageUrl) && typeof imageUrl.url === "string" ? imageUrl.url : undefined;
  if (url === undefined || url === "") return undefined;
  const match = dataUrl.exec(url);
  if (!match) return { type: "image", source: { kind: "url", url } };
  return { type: "image", source: { kind: "base64", mediaType: match[1] || "image/png", data: url.slice(match[0].length) } };
}

/**
 * Message content (a string, or parts) → hub text and image parts. Parts the hub cannot carry (`input_audio`,
 * `file`, unknown kinds) leave a note in `dropped`, named by `where` (e.g. `messages[3]`).
 */
export function decodeChatContent(content: unknown, where: string, dropped: string[]): (HubTextPart | HubImagePart)[] {
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  if (!Array.isArray(content)) return [];
  const parts: (HubTextPart | HubImagePart)[] = [];
  content.forEach((part, position) => {
    if (!isRecord(part)) return;
    if ((part.type === "text" || part.type === "refusal") && typeof (part.text ?? part.refusal) === "string") {
      const text = (part.text ?? part.refusal) as string;
      if (text !== "") parts.push({ type: "text", text });
      return;
    }
    const image = part.type === "image_url" || part.type === "input_image" ? decodeChatImage(part.image_url) : undefined;
    if (image) parts.push(image);
    else dropped.push(`${where}.content[${position}]: ${String(part.type)} part`);
  });
  return parts;
}

/** Only the text of a content (system prompts, tool results); other parts are noted as dropped. */
export function decodeChatTexts(content: unknown, where: string, dropped: string[]): HubTextPart[] {
  const parts = decodeChatContent(content, where, dropped);
  if (parts.some((part) => part.type === "image")) dropped.push(`${where}: image in a message that takes text only`);
  return parts.filter((part): part is HubTextPart => part.type === "text");
}
