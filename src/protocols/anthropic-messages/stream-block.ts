import { anthropicDeltaSse, anthropicSse } from "./anthropic-sse.ts";

/**
 * One content block of an Anthropic stream, as the stream encoder tracks it. Anthropic blocks are contiguous
 * (start, deltas, stop, then the next), so a block whose hub parts arrive while another is open waits in a queue
 * with its deltas buffered, and is written out whole once the blocks before it have stopped.
 */
export interface StreamBlock {
  hubId: string;
  kind: "text" | "thinking" | "redacted_thinking" | "tool_use";
  toolCallId?: string;
  toolName?: string;
  /** Deltas received before the block could be opened. */
  buffered: string[];
  signature?: string;
  /** The hub said the block is complete. */
  ended: boolean;
  /** Its content_block_stop has been written. */
  closed: boolean;
  /** The Anthropic index, assigned when the block opens. */
  index?: number;
}

export function newStreamBlock(hubId: string, kind: StreamBlock["kind"], tool?: { toolCallId: string; toolName: string }): StreamBlock {
  return { hubId, kind, buffered: [], ended: false, closed: false, ...(tool ?? {}) };
}

/** content_block_start; a redacted block has nothing to show until its data (the signature) is known. */
export function blockStartEvent(block: StreamBlock, index: number): string {
  switch (block.kind) {
    case "text":
      return anthropicSse("content_block_start", { index, content_block: { type: "text", text: "" } });
    case "thinking":
      return anthropicSse("content_block_start", { index, content_block: { type: "thinking", thinking: "", signature: "" } });
    case "tool_use":
      return anthropicSse("content_block_start", {
        index,
        content_block: { type: "tool_use", id: block.toolCallId ?? "", name: block.toolName ?? "", input: {} },
      });
    case "redacted_thinking":
      return "";
  }
}

export function blockDeltaEvent(block: StreamBlock, index: number, text: string): string {
  switch (block.kind) {
    case "text":
      return anthropicDeltaSse(index, "text_delta", "text", text);
    case "thinking":
      return anthropicDeltaSse(index, "thinking_delta", "thinking", text);
    case "tool_use":
      return anthropicDeltaSse(index, "input_json_delta", "partial_json", text);
    case "redacted_thinking":
      return "";
  }
}

/** The signature goes out as a signature_delta just before the stop, as Anthropic sends it. */
export function blockStopEvents(block: StreamBlock, index: number): string {
  let out = "";
  if (block.kind === "thinking" && block.signature) {
    out += anthropicSse("content_block_delta", { index, delta: { type: "signature_delta", signature: block.signature } });
  }
  if (block.kind === "redacted_thinking") {
    out += anthropicSse("content_block_start", { index, content_block: { type: "redacted_thinking", data: block.signature ?? "" } });
  }
  return out + anthropicSse("content_block_stop", { index });
}
