import { type UsageText, usageFields } from "../../core/number-field.ts";
import type { TokenUsage } from "../../core/token-usage.ts";

const FIELDS = ["input_tokens", "output_tokens", "cache_read_input_tokens"] as const;

/**
 * Anthropic usage from the ends of a message or stream, without parsing it: output tokens come in the final
 * message_delta's usage; input tokens in message_start's, so the head is read too when the tail lacks them.
 */
export function anthropicUsageFromText(tail: UsageText, head: UsageText = ""): TokenUsage | undefined {
  const last = usageFields(tail, FIELDS);
  const first = last?.input_tokens === undefined && head.length > 0 ? usageFields(head, FIELDS, "start") : undefined;
  const input = last?.input_tokens ?? first?.input_tokens;
  const output = last?.output_tokens;
  if (input === undefined && output === undefined) return undefined;
  return { inputTokens: input ?? 0, outputTokens: output ?? 0, cachedTokens: last?.cache_read_input_tokens ?? first?.cache_read_input_tokens ?? 0 };
}
