import type { HubUsage } from "../../core/hub/index.ts";

const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/**
 * The counters of a final (`done: true`) answer → hub usage: `prompt_eval_count` is the prompt, `eval_count` the
 * answer. Ollama reports no cached or reasoning tokens (thinking is inside `eval_count`).
 */
export function decodeOllamaUsage(answer: Record<string, unknown>): Partial<HubUsage> {
  const usage: Partial<HubUsage> = {};
  const input = count(answer.prompt_eval_count);
  const output = count(answer.eval_count);
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  return usage;
}
