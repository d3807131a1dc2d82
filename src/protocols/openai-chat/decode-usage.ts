import type { HubUsage } from "../../core/hub/index.ts";
import { isRecord } from "./is-record.ts";

const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/**
 * A Chat Completions `usage` object → hub usage; undefined when there is none (`usage: null` on most stream
 * chunks). `inputTokens` keeps OpenAI's meaning: every prompt token, cached ones included.
 */
export function decodeUsage(usage: unknown): Partial<HubUsage> | undefined {
  if (!isRecord(usage)) return undefined;
  const decoded: Partial<HubUsage> = {};
  const input = count(usage.prompt_tokens);
  const output = count(usage.completion_tokens);
  const cached = isRecord(usage.prompt_tokens_details) ? count(usage.prompt_tokens_details.cached_tokens) : undefined;
  const reasoning = isRecord(usage.completion_tokens_details) ? count(usage.completion_tokens_details.reasoning_tokens) : undefined;
  if (input !== undefined) decoded.inputTokens = input;
  if (output !== undefined) decoded.outputTokens = output;
  if (cached !== undefined) decoded.cacheReadTokens = cached;
  if (reasoning !== undefined) decoded.reasoningTokens = reasoning;
  return Object.keys(decoded).length > 0 ? decoded : undefined;
}
