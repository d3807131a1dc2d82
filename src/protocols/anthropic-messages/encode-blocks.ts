import type { HubAssistantPart, HubCacheControl, HubImagePart, HubTextPart, HubUserPart } from "../../core/hub/index.ts";
import { toolInputObject } from "./tool-input-object.ts";

type Block = Record<string, unknown>;

const cache = (cacheControl: HubCacheControl | undefined): Block => (cacheControl ? { cache_control: cacheControl } : {});

/** Anthropic rejects empty text blocks ("text content blocks must be non-empty"), so they are left out. */
export function encodeTextBlocks(parts: readonly HubTextPart[]): Block[] {
  return parts.filter((part) => part.text !== "").map((part) => ({ type: "text", text: part.text, ...cache(part.cacheControl) }));
}

function encodeImage(image: HubImagePart): Block {
  const source =
    image.source.kind === "base64"
      ? { type: "base64", media_type: image.source.mediaType, data: image.source.data }
      : { type: "url", url: image.source.url };
  return { type: "image", source, ...cache(image.cacheControl) };
}

/**
 * A user turn's parts → blocks. Anthropic wants a user message's `tool_result` blocks before anything else in it
 * (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use), so they go first, in order.
 */
export function encodeUserBlocks(parts: readonly HubUserPart[]): Block[] {
  const results: Block[] = [];
  const rest: Block[] = [];
  for (const part of parts) {
    if (part.type === "tool-result") {
      const content = part.content.flatMap((item) => (item.type === "text" ? encodeTextBlocks([item]) : [encodeImage(item)]));
      results.push({
        type: "tool_result",
        tool_use_id: part.toolCallId,
        ...(content.length > 0 ? { content } : {}),
        ...(part.isError ? { is_error: true } : {}),
        ...cache(part.cacheControl),
      });
    } else if (part.type === "text") rest.push(...encodeTextBlocks([part]));
    else rest.push(encodeImage(part));
  }
  return [...results, ...rest];
}

/**
 * An assistant turn's parts → blocks. Thinking goes back with its signature (Anthropic verifies it); redacted
 * thinking as its opaque data; reasoning without a signature (from a dialect that has none) cannot be sent back
 * and is skipped. A tool call's input must be an object.
 */
export function encodeAssistantBlocks(parts: readonly HubAssistantPart[]): Block[] {
  const blocks: Block[] = [];
  for (const part of parts) {
    switch (part.type) {
      case "text":
        blocks.push(...encodeTextBlocks([part]));
        break;
      case "reasoning":
        if (!part.signature) break;
        blocks.push(part.redacted ? { type: "redacted_thinking", data: part.signature } : { type: "thinking", thinking: part.text, signature: part.signature });
        break;
      case "tool-call":
        blocks.push({ type: "tool_use", id: part.toolCallId, name: part.toolName, input: toolInputObject(part.input) });
        break;
    }
  }
  return blocks;
}
