import { numberField } from "../../core/number-field.ts";
import type { TokenUsage } from "../../core/token-usage.ts";

/**
 * Usage from the end of an Ollama answer without parsing it: the final (`done: true`) line carries
 * `prompt_eval_count` and `eval_count`. Ollama reports no cached tokens.
 */
export function ollamaUsageFromText(tail: string, _head = ""): TokenUsage | undefined {
  const lastLine = tail.lastIndexOf('"done":true');
  const start = lastLine === -1 ? 0 : tail.lastIndexOf("\n", lastLine) + 1;
  const input = numberField(tail, "prompt_eval_count", start);
  const output = numberField(tail, "eval_count", start);
  if (input === undefined && output === undefined) return undefined;
  return { inputTokens: input ?? 0, outputTokens: output ?? 0, cachedTokens: 0 };
}
