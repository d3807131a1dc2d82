import type { TokenUsage } from "../../core/token-usage.ts";

const patterns = {
  input: /"input_tokens"\s*:\s*(\d+)/,
  output: /"output_tokens"\s*:\s*(\d+)/,
  cached: /"cached_tokens"\s*:\s*(\d+)/,
};

/** The counts inside the last `"usage"` object of a text; undefined when it has none (e.g. `"usage": null`). */
function lastUsage(text: string): TokenUsage | undefined {
  const at = text.lastIndexOf('"usage"');
  if (at === -1) return undefined;
  const usage = text.slice(at);
  const read = (pattern: RegExp) => {
    const match = pattern.exec(usage);
    return match ? Number(match[1]) : undefined;
  };
  const input = read(patterns.input);
  const output = read(patterns.output);
  if (input === undefined && output === undefined) return undefined;
  return { inputTokens: input ?? 0, outputTokens: output ?? 0, cachedTokens: read(patterns.cached) ?? 0 };
}

/**
 * Responses usage from the last bytes of a passed-through answer, without parsing it: the usage object comes in
 * the final response (response.completed / .incomplete for streams). `"input_tokens"` with its closing quote does
 * not match `"input_tokens_details"`. The head is a fallback for a tail cut before the counts.
 */
export function responsesUsageFromText(tail: string, head = ""): TokenUsage | undefined {
  return lastUsage(tail) ?? lastUsage(head);
}
