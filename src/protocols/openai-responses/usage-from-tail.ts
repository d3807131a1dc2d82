import { type UsageText, usageFields } from "../../core/number-field.ts";
import type { TokenUsage } from "../../core/token-usage.ts";

const FIELDS = ["input_tokens", "output_tokens", "cached_tokens"] as const;

/** The counts of the last `"usage"` object of a text; undefined when it has none (e.g. `"usage": null`). */
function lastUsage(text: UsageText): TokenUsage | undefined {
  const usage = usageFields(text, FIELDS);
  if (usage?.input_tokens === undefined && usage?.output_tokens === undefined) return undefined;
  return { inputTokens: usage.input_tokens ?? 0, outputTokens: usage.output_tokens ?? 0, cachedTokens: usage.cached_tokens ?? 0 };
}

/**
 * Responses usage from the last bytes of a passed-through answer, without parsing it: the usage object comes in
 * the final response (response.completed / .incomplete for streams). `"input_tokens"` with its closing quote does
 * not match `"input_tokens_details"`. The head is a fallback for a tail cut before the counts.
 */
export function responsesUsageFromText(tail: UsageText, head: UsageText = ""): TokenUsage | undefined {
  return lastUsage(tail) ?? lastUsage(head);
}
