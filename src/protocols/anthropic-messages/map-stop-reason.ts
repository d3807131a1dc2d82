import type { HubFinishReason } from "../../core/hub/index.ts";
import type { AnthropicStopReason } from "./wire-types.ts";

export interface AnthropicStop {
  stop_reason: AnthropicStopReason;
  stop_sequence: string | null;
}

/**
 * Hub finish reason → Anthropic `stop_reason` (+ `stop_sequence`, only meaningful for `stop_sequence`). A content
 * filter becomes `refusal`, Anthropic's word for a classifier stop. `error` and `other` have no Anthropic word; a
 * truncated upstream is reported as `end_turn` (the client sees what arrived) rather than inventing a reason.
 */
export function mapStopReason(finishReason: HubFinishReason, stopSequence?: string): AnthropicStop {
  switch (finishReason) {
    case "length":
      return { stop_reason: "max_tokens", stop_sequence: null };
    case "tool-calls":
      return { stop_reason: "tool_use", stop_sequence: null };
    case "stop-sequence":
      return { stop_reason: "stop_sequence", stop_sequence: stopSequence ?? null };
    case "content-filter":
      return { stop_reason: "refusal", stop_sequence: null };
    default:
      return { stop_reason: "end_turn", stop_sequence: null };
  }
}

/** Anthropic `stop_reason` → hub finish reason, for upstreams that speak Messages. */
export function mapAnthropicStopReason(stopReason: string | null | undefined): HubFinishReason {
  switch (stopReason) {
    case "end_turn":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool-calls";
    case "stop_sequence":
      return "stop-sequence";
    case "refusal":
      return "content-filter";
    default:
      return "other";
  }
}
