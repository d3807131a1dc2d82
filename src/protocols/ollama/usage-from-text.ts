import { numberField, type UsageText, windowAt } from "../../core/number-field.ts";
import type { TokenUsage } from "../../core/token-usage.ts";

/**
 * Usage from the end of an Ollama answer without parsing it: the final (`done: true`) line carries
 * `prompt_eval_count` and `eval_count`. Ollama reports no cached tokens.
 */
export function ollamaUsageFromText(tail: UsageText, _head: UsageText = ""): TokenUsage | undefined {
  // Only the final line has the counters, prompt_eval_count before eval_count.
  const line = windowAt(tail, '"prompt_eval_count"', "end", 1024);
  if (line === undefined) return undefined;
  const input = numberField(line, "prompt_eval_count");
  const output = numberField(line, "eval_count");
  if (input === undefined && output === undefined) return undefined;
  return { inputTokens: input ?? 0, outputTokens: output ?? 0, cachedTokens: 0 };
}
