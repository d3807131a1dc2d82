import { type UsageText, usageFields } from "../../core/number-field.ts";
import type { TokenUsage } from "../../core/token-usage.ts";

export type { TokenUsage };

const FIELDS = ["prompt_tokens", "completion_tokens", "cached_tokens"] as const;

/**
 * Reads OpenAI-style usage from the last bytes of a response or stream without parsing the whole thing: usage is
 * the final object Copilot sends. Undefined when the upstream sent none (e.g. no stream_options.include_usage).
 */
export function usageFromTail(tail: UsageText): TokenUsage | undefined {
  const usage = usageFields(tail, FIELDS);
  if (usage?.prompt_tokens === undefined && usage?.completion_tokens === undefined) return undefined;
  return { inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0, cachedTokens: usage.cached_tokens ?? 0 };
}
