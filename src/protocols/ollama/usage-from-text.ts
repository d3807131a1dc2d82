import type { TokenUsage } from "../../core/token-usage.ts";

const lastNumber = (text: string, field: string): number | undefined => {
  const pattern = new RegExp(`"${field}"\\s*:\\s*(\\d+)`, "g");
  let value: number | undefined;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) value = Number(match[1]);
  return value;
};

/**
 * Usage from the end of an Ollama answer without parsing it: the final (`done: true`) line carries
 * `prompt_eval_count` and `eval_count`. Ollama reports no cached tokens.
 */
export function ollamaUsageFromText(tail: string, _head = ""): TokenUsage | undefined {
  const input = lastNumber(tail, "prompt_eval_count");
  const output = lastNumber(tail, "eval_count");
  if (input === undefined && output === undefined) return undefined;
  return { inputTokens: input ?? 0, outputTokens: output ?? 0, cachedTokens: 0 };
}
