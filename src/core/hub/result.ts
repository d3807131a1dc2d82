import type { HubAssistantPart } from "./request.ts";

/** Why generation stopped, in one vocabulary; each dialect maps it to its own words. */
export type HubFinishReason = "stop" | "length" | "tool-calls" | "stop-sequence" | "content-filter" | "error" | "other";

export interface HubUsage {
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens served from cache (Anthropic cache_read_input_tokens, OpenAI cached_tokens). */
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

export interface HubResult {
  id: string;
  model: string;
  content: HubAssistantPart[];
  finishReason: HubFinishReason;
  /** The stop sequence that ended generation, when the upstream said which. */
  stopSequence?: string;
  usage: HubUsage;
}
