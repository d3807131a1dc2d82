import type { TokenUsage } from "../../core/token-usage.ts";

export type { TokenUsage };

const patterns = {
  prompt_tokens: /"prompt_tokens"\s*:\s*(\d+)/,
  completion_tokens: /"completion_tokens"\s*:\s*(\d+)/,
  cached_tokens: /"cached_tokens"\s*:\s*(\d+)/,
};

const number = (text: string, field: keyof typeof patterns): number | undefined => {
  const match = patterns[field].exec(text);
  return match ? Number(match[1]) : undefined;
};

/**
 * Reads OpenAI-style usage from the last bytes of a response or stream without parsing the whole thing: usage is
 * the final object Copilot sends. Undefined when the upstream sent none (e.g. no stream_options.include_usage).
 */
export function usageFromTail(tail: string): TokenUsage | undefined {
  const at = tail.lastIndexOf('"usage"');
  if (at === -1) return undefined;
  const text = tail.slice(at);
  const input = number(text, "prompt_tokens");
  const output = number(text, "completion_tokens");
  if (input === undefined && output === undefined) return undefined;
  return { inputTokens: input ?? 0, outputTokens: output ?? 0, cachedTokens: number(text, "cached_tokens") ?? 0 };
}
