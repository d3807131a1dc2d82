import type { HubFinishReason } from "../../core/hub/index.ts";

/**
 * Chat Completions `finish_reason` → hub finish reason, and back. OpenAI says `stop` for a natural end and for a
 * stop sequence alike, so `stop-sequence` cannot be recovered from it. `function_call` is the legacy spelling.
 */
export function mapFinishReason(finishReason: unknown): HubFinishReason {
  switch (finishReason) {
    case "stop":
    case "end_turn":
      return "stop";
    case "length":
    case "max_tokens":
      return "length";
    case "tool_calls":
    case "function_call":
    case "tool_use":
      return "tool-calls";
    case "content_filter":
      return "content-filter";
    default:
      return "other";
  }
}

export function chatFinishReason(finishReason: HubFinishReason): "stop" | "length" | "tool_calls" | "content_filter" {
  switch (finishReason) {
    case "length":
      return "length";
    case "tool-calls":
      return "tool_calls";
    case "content-filter":
      return "content_filter";
    default:
      return "stop";
  }
}
