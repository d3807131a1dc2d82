import type { HubImagePart, HubTextPart } from "../../core/hub/index.ts";
import { imageSourceFromUrl } from "./image-url.ts";
import { isRecord, stringField } from "./is-record.ts";

export type ContentPart = HubTextPart | HubImagePart;

/**
 * One content part of a message or a tool output → a hub part. Text comes as `input_text`, `output_text` (assistant
 * turns sent back) or `refusal`; images as `input_image` with an `image_url`. What an upstream cannot be handed
 * (files, `file_id` images that live in OpenAI's storage, audio) is noted in `dropped` and left out.
 */
export function decodeContentPart(part: unknown, dropped: string[]): ContentPart | undefined {
  if (!isRecord(part)) return undefined;
  switch (part.type) {
    case "input_text":
    case "output_text":
    case "text":
      return { type: "text", text: stringField(part, "text") ?? "" };
    case "refusal":
      return { type: "text", text: stringField(part, "refusal") ?? "" };
    case "input_image": {
      const url = stringField(part, "image_url");
      if (url) return { type: "image", source: imageSourceFromUrl(url) };
      dropped.push(`input_image ${stringField(part, "file_id") ?? "without image_url"} (file ids cannot be resolved upstream)`);
      return undefined;
    }
    case "input_file":
      dropped.push(`input_file ${stringField(part, "filename") ?? stringField(part, "file_id") ?? ""}`.trimEnd());
      return undefined;
    default:
      dropped.push(`content part ${String(part.type)}`);
      return undefined;
  }
}

/** A message's `content` (a string or parts) or a tool's `output` (a string or parts) → hub parts. */
export function decodeContent(content: unknown, dropped: string[]): ContentPart[] {
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  if (!Array.isArray(content)) return [];
  const parts: ContentPart[] = [];
  for (const part of content) {
    const decoded = decodeContentPart(part, dropped);
    if (decoded && !(decoded.type === "text" && decoded.text === "")) parts.push(decoded);
  }
  return parts;
}
