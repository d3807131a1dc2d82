import { describe, expect, test } from "bun:test";
import { isRetryableStatus, type RetryPolicy, retryDelayMs, shouldRetry } from "../../src/services/control/index.ts";

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 4000, totalMs: 20_000 };

describe("retry policy", () => {
  test("backs off exponentially with full jitter, capped at maxDelayMs", () => {
    expect([1, 2, 3, 4, 5].map((retry) => retryDelayMs(policy, retry, undefined, () => 0.999999))).toEqual([499, 999, 1999, 3999, 3999]);
    expect(retryDelayMs(policy, 3, undefined, () => 0.5)).toBe(1000);
    expect(retryDelayMs(policy, 3, undefined, () => 0)).toBe(0);
    for (let retry = 1; retry <= 8; retry++) {
      for (const value of [0, 0.1, 0.37, 0.8, 0.99]) {
        const delay = retryDelayMs(policy, retry, undefined, () => value);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1)));
      }
    }
  });

  test("waits at least the upstream's retry-after", () => {
    expect(retryDelayMs(policy, 1, 3, () => 0.5)).toBe(3000);
    expect(retryDelayMs(policy, 1, 10, () => 1)).toBe(10_000);
    expect(retryDelayMs(policy, 4, 1, () => 1)).toBe(4000);
  });

  test("retries 429, 500, 502, 503, 504 and 529, not 501 or other 4xx", () => {
    expect([429, 500, 502, 503, 504, 529].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 413, 422, 501, 200].some(isRetryableStatus)).toBe(false);
  });

  test("stops once the attempts are used up", () => {
    const decide = (retriesSoFar: number) => shouldRetry({ policy, retriesSoFar, elapsedMs: 0, nextDelayMs: 0 });
    expect([0, 1, 2, 3].map(decide)).toEqual([true, true, true, false]);
    expect(shouldRetry({ policy: { ...policy, attempts: 1 }, retriesSoFar: 0, elapsedMs: 0, nextDelayMs: 0 })).toBe(false);
  });

  test("stops when the next wait would pass the total time", () => {
    expect(shouldRetry({ policy, retriesSoFar: 1, elapsedMs: 18_000, nextDelayMs: 2000 })).toBe(true);
    expect(shouldRetry({ policy, retriesSoFar: 1, elapsedMs: 18_000, nextDelayMs: 2001 })).toBe(false);
  });
});
