import type { HubUsage } from "../../core/hub/index.ts";
import type { AnthropicUsage } from "./wire-types.ts";

/**
 * Hub usage (OpenAI-style: `inputTokens` counts every prompt token, cached or not) → Anthropic usage, whose
 * `input_tokens` excludes the tokens read from or written to the cache.
 */
export function encodeUsage(usage: Partial<HubUsage>): AnthropicUsage {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage.inputTokens ?? 0) - cacheRead - cacheWrite),
    output_tokens: usage.outputTokens ?? 0,
    cache_read_input_tokens: cacheRead,
    cache_creation_input_tokens: cacheWrite,
  };
}

/**
 * The usage of a stream's message_delta: output tokens always; the input counters only when the upstream said
 * (they overwrite message_start's estimate in clients, so an unknown must stay absent rather than be 0).
 */
export function encodeDeltaUsage(usage: Partial<HubUsage>): Record<string, number> {
  const encoded = encodeUsage(usage);
  const delta: Record<string, number> = { output_tokens: encoded.output_tokens };
  if (usage.inputTokens !== undefined) delta.input_tokens = encoded.input_tokens;
  if (usage.cacheReadTokens !== undefined) delta.cache_read_input_tokens = encoded.cache_read_input_tokens;
  if (usage.cacheWriteTokens !== undefined) delta.cache_creation_input_tokens = encoded.cache_creation_input_tokens;
  return delta;
}
