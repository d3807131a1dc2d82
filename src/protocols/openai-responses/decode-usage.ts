import type { HubUsage } from "../../core/hub/index.ts";
import { isRecord } from "./is-record.ts";

const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/**
 * A Responses `usage` object → hub usage; undefined when there is none (`usage: null` in response.created).
 * `inputTokens` keeps OpenAI's meaning: every prompt token, cached ones included.
 */
export function decodeResponsesUsage(usage: unknown): Partial<HubUsage> | undefined {
  if (!isRecord(usage)) return undefined;
  const decoded: Partial<HubUsage> = {};
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  const cached = isRecord(usage.input_tokens_details) ? count(usage.input_tokens_details.cached_tokens) : undefined;
  const reasoning = isRecord(usage.output_tokens_details) ? count(usage.output_tokens_details.reasoning_tokens) : undefined;
  if (input !== undefined) decoded.inputTokens = input;
  if (output !== undefined) decoded.outputTokens = output;
  if (cached !== undefined) decoded.cacheReadTokens = cached;
  if (reasoning !== undefined) decoded.reasoningTokens = reasoning;
  return Object.keys(decoded).length > 0 ? decoded : undefined;
}
