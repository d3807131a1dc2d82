import type { HubUsage } from "../../core/hub/index.ts";

/** The counters Ollama ends every answer with; durations in integer nanoseconds. */
export interface OllamaMetrics {
  total_duration: number;
  load_duration: number;
  prompt_eval_count: number;
  prompt_eval_duration: number;
  eval_count: number;
  eval_duration: number;
}

export interface OllamaTiming {
  /** Epoch milliseconds when the relay received the request. */
  startedAt: number;
  /** Epoch milliseconds when the answer ended. */
  endedAt: number;
  /** Epoch milliseconds of the first generated output, when a stream saw it. */
  firstOutputAt?: number;
}

/** Prefill reads a prompt token roughly ten times faster than decoding writes an answer token. */
const decodeCostPerToken = 10;

const nanoseconds = (milliseconds: number): number => Math.max(0, Math.round(milliseconds * 1_000_000));

/**
 * Ollama's timing counters from the relay's own clock. `total_duration` is the time from receiving the request to
 * the end of the answer and `load_duration` is 0 (nothing is loaded). The total is split between the prompt and
 * the answer: a stream's split is measured (time to the first output is prompt evaluation, the rest is
 * generation); without that moment (non-streamed answers) it is estimated from the token counts, weighting each
 * output token `decodeCostPerToken` times a prompt token. Each duration is at least 1 ns when it has tokens, so
 * clients that show tokens per second (`eval_count / eval_duration`) never divide by zero.
 */
export function encodeMetrics(timing: OllamaTiming, usage: Partial<HubUsage>): OllamaMetrics {
  const promptTokens = usage.inputTokens ?? 0;
  const outputTokens = usage.outputTokens ?? 0;
  const total = nanoseconds(timing.endedAt - timing.startedAt);
  let promptDuration: number;
  if (timing.firstOutputAt !== undefined) {
    promptDuration = Math.min(total, nanoseconds(timing.firstOutputAt - timing.startedAt));
  } else {
    const weight = promptTokens + outputTokens * decodeCostPerToken;
    promptDuration = weight === 0 ? 0 : Math.round((total * promptTokens) / weight);
  }
  const prompt = promptTokens > 0 ? Math.max(1, promptDuration) : promptDuration;
  const evaluation = Math.max(outputTokens > 0 ? 1 : 0, total - promptDuration);
  return {
    total_duration: Math.max(total, prompt + evaluation),
    load_duration: 0,
    prompt_eval_count: promptTokens,
    prompt_eval_duration: prompt,
    eval_count: outputTokens,
    eval_duration: evaluation,
  };
}
