import type { TokenUsage } from "../../core/token-usage.ts";

const patterns = {
  input: /"input_tokens"\s*:\s*(\d+)/,
  output: /"output_tokens"\s*:\s*(\d+)/,
  cacheRead: /"cache_read_input_tokens"\s*:\s*(\d+)/,
};

const last = (text: string, pattern: RegExp): number | undefined => {
  const global = new RegExp(pattern.source, "g");
  let value: number | undefined;
  for (let match = global.exec(text); match; match = global.exec(text)) value = Number(match[1]);
  return value;
};

/**
 * Anthropic usage from the end of a message or stream, without parsing it: output tokens come in the final
 * message_delta; input tokens are in message_start, so the head is passed too when the tail lacks them.
 */
export function anthropicUsageFromText(tail: string, head = ""): TokenUsage | undefined {
  const output = last(tail, patterns.output);
  const input = last(tail, patterns.input) ?? last(head, patterns.input);
  if (output === undefined && input === undefined) return undefined;
  return { inputTokens: input ?? 0, outputTokens: output ?? 0, cachedTokens: last(tail, patterns.cacheRead) ?? last(head, patterns.cacheRead) ?? 0 };
}
