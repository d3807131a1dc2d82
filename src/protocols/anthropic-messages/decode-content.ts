import type {
  HubAssistantPart,
  HubImagePart,
  HubTextPart,
  HubToolResultPart,
  HubUserPart,
} from "../../core/hub/index.ts";
import { decodeCacheControl } from "./decode-cache-control.ts";
import { isRecord, stringField } from "./is-record.ts";

/**
 * Anthropic content blocks → hub parts. Blocks are read defensively (the schema only promises a `type`). Kinds a
 * Chat Completions upstream has no place for are dropped: server-tool traffic (`server_tool_use`,
 * `web_search_tool_result`, …, whose tools the decoder drops too), binary documents (PDF) and file references.
 */
type Content = string | readonly { type: string }[];

const blocksOf = (content: Content): Record<string, unknown>[] =>
  typeof content === "string" ? [{ type: "text", text: content }] : content.filter(isRecord);

function textPart(block: Record<string, unknown>, text = stringField(block, "text") ?? ""): HubTextPart {
  return { type: "text", text, ...decodeCacheControl(block) };
}

/** Base64 and URL image sources; `file` sources (Files API ids) cannot be resolved by an upstream and are dropped. */
export function decodeImage(block: Record<string, unknown>): HubImagePart | undefined {
  const source = block.source;
  if (!isRecord(source)) return undefined;
  const cache = decodeCacheControl(block);
  if (source.type === "base64") {
    const data = stringField(source, "data");
    if (data === undefined) return undefined;
    return { type: "image", source: { kind: "base64", mediaType: stringField(source, "media_type") ?? "image/png", data }, ...cache };
  }
  if (source.type === "url") {
    const url = stringField(source, "url");
    return url === undefined ? undefined : { type: "image", source: { kind: "url", url }, ...cache };
  }
  return undefined;
}

/** Plain-text documents keep their text; PDFs and other binary documents are dropped. */
function decodeDocument(block: Record<string, unknown>): HubTextPart[] {
  const source = block.source;
  if (!isRecord(source)) return [];
  if (source.type === "text") return [textPart(block, stringField(source, "data") ?? "")];
  if (source.type === "content") {
    const inner = source.content;
    if (typeof inner === "string") return [textPart(block, inner)];
    if (Array.isArray(inner)) return inner.filter(isRecord).filter((item) => item.type === "text").map((item) => textPart(item));
  }
  return [];
}

/** The text and images of a `tool_result`; its content may be a string, blocks, or absent. */
function decodeToolResultContent(content: unknown): (HubTextPart | HubImagePart)[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  if (!Array.isArray(content)) return [];
  const parts: (HubTextPart | HubImagePart)[] = [];
  for (const block of content.filter(isRecord)) {
    if (block.type === "text") parts.push(textPart(block));
    else if (block.type === "image") {
      const image = decodeImage(block);
      if (image) parts.push(image);
    } else if (block.type === "document") parts.push(...decodeDocument(block));
  }
  return parts;
}

export function decodeToolResult(block: Record<string, unknown>): HubToolResultPart {
  return {
    type: "tool-result",
    toolCallId: stringField(block, "tool_use_id") ?? "",
    content: decodeToolResultContent(block.content),
    ...(block.is_error === true ? { isError: true } : {}),
    ...decodeCacheControl(block),
  };
}

export function decodeUserContent(content: Content): HubUserPart[] {
  const parts: HubUserPart[] = [];
  for (const block of blocksOf(content)) {
    switch (block.type) {
      case "text":
        parts.push(textPart(block));
        break;
      case "image": {
        const image = decodeImage(block);
        if (image) parts.push(image);
        break;
      }
      case "tool_result":
        parts.push(decodeToolResult(block));
        break;
      case "document":
        parts.push(...decodeDocument(block));
        break;
    }
  }
  return parts;
}

export function decodeAssistantContent(content: Content): HubAssistantPart[] {
  const parts: HubAssistantPart[] = [];
  for (const block of blocksOf(content)) {
    switch (block.type) {
      case "text":
        parts.push(textPart(block));
        break;
      case "thinking": {
        const signature = stringField(block, "signature");
        parts.push({ type: "reasoning", text: stringField(block, "thinking") ?? "", ...(signature ? { signature } : {}) });
        break;
      }
      case "redacted_thinking":
        parts.push({ type: "reasoning", text: "", signature: stringField(block, "data") ?? "", redacted: true });
        break;
      case "tool_use":
        parts.push({
          type: "tool-call",
          toolCallId: stringField(block, "id") ?? "",
          toolName: stringField(block, "name") ?? "",
          input: block.input ?? {},
        });
        break;
    }
  }
  return parts;
}

/** The `system` field and `role: "system"` messages: only their text survives. */
export function decodeSystemContent(content: Content): HubTextPart[] {
  return blocksOf(content)
    .filter((block) => block.type === "text")
    .map((block) => textPart(block));
}
