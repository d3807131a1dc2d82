import type { HubUsage } from "../../core/hub/index.ts";
import { isRecord } from "./is-record.ts";

/** The counters of an Anthropic `usage` object that the hub reads; absent ones stay absent. */
export interface AnthropicCounters {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

const names = ["input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens"] as const;

export function readAnthropicCounters(usage: unknown): AnthropicCounters {
  const counters: AnthropicCounters = {};
  if (!isRecord(usage)) return counters;
  for (const name of names) {
    const value = usage[name];
    if (typeof value === "number" && Number.isFinite(value)) counters[name] = value;
  }
  return counters;
}

/**
 * Anthropic counters → hub usage. Anthropic's `input_tokens` leaves out the tokens read from and written to the
 * cache; the hub keeps OpenAI's meaning (every prompt token), so the three are added up.
 */
export function decodeAnthropicUsage(counters: AnthropicCounters): Partial<HubUsage> {
  const usage: Partial<HubUsage> = {};
  const { input_tokens: input, cache_read_input_tokens: cacheRead, cache_creation_input_tokens: cacheWrite } = counters;
  if (input !== undefined || cacheRead !== undefined || cacheWrite !== undefined) usage.inputTokens = (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0);
  if (counters.output_tokens !== undefined) usage.outputTokens = counters.output_tokens;
  if (cacheRead !== undefined) usage.cacheReadTokens = cacheRead;
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  return usage;
}
