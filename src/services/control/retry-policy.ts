/** How the relay retries an upstream call that failed before any byte reached the client (issue 8). */
export interface RetryPolicy {
  /** Total tries including the first; at least 1. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Time budget for all tries and the waits between them. */
  totalMs: number;
}

/**
 * Exponential backoff with full jitter (random × min(max, base × 2^(n−1)), see
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/); an upstream retry-after is a floor.
 */
export function retryDelayMs(policy: RetryPolicy, retryNumber: number, retryAfterSeconds: number | undefined, random: () => number): number {
  const exponent = Math.max(0, retryNumber - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const jittered = Math.floor(Math.min(1, Math.max(0, random())) * Math.max(0, ceiling));
  const floor = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? Math.ceil(retryAfterSeconds * 1000) : 0;
  return Math.max(jittered, floor);
}

/** 429, 500, 502, 503, 504 and Anthropic's 529 (overloaded); 501 (not implemented) and other 4xx would fail again. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504, 529]);

export const isRetryableStatus = (status: number): boolean => RETRYABLE_STATUSES.has(status);

export interface RetryDecision {
  policy: RetryPolicy;
  retriesSoFar: number;
  /** Since the first try began. */
  elapsedMs: number;
  nextDelayMs: number;
}

/** Another try is allowed while tries remain and the wait before it ends within the total budget. */
export function shouldRetry({ policy, retriesSoFar, elapsedMs, nextDelayMs }: RetryDecision): boolean {
  if (retriesSoFar + 1 >= Math.max(1, policy.attempts)) return false;
  return elapsedMs + nextDelayMs <= policy.totalMs;
}
