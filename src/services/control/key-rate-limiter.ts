import type { Clock } from "../../core/clock.ts";

export interface KeyRateLimiterOptions {
  /** Requests each key may make in any sliding minute; 0 means no limit. */
  perMinute: number;
  clock: Clock;
}

export type KeyBudget = { ok: true } | { ok: false; retryAfter: number };

export interface KeyRateLimiter {
  /** Counts one request for the key, or says in how many seconds it may try again (refusals are not counted). */
  take(key: string): KeyBudget;
  /** Keys with a request in the last minute. */
  size(): number;
}

const WINDOW_MS = 60_000;
const OK: KeyBudget = { ok: true };

/** Per-key requests per minute (issue 8), a sliding window of start times; idle keys are dropped once a minute. */
export function createKeyRateLimiter(options: KeyRateLimiterOptions): KeyRateLimiter {
  const { perMinute, clock } = options;
  const windows = new Map<string, number[]>();
  let lastSweep = clock.now();

  const sweep = (now: number): void => {
    if (now - lastSweep < WINDOW_MS) return;
    lastSweep = now;
    for (const [key, starts] of windows) {
      if ((starts.at(-1) ?? Number.NEGATIVE_INFINITY) <= now - WINDOW_MS) windows.delete(key);
    }
  };

  return {
    size: () => windows.size,
    take(key) {
      if (perMinute <= 0) return OK;
      const now = clock.now();
      sweep(now);
      const starts = windows.get(key) ?? [];
      // Times are in order, so the expired ones are at the front.
      let expired = 0;
      while (expired < starts.length && (starts[expired] ?? 0) <= now - WINDOW_MS) expired += 1;
      if (expired > 0) starts.splice(0, expired);
      if (starts.length >= perMinute) {
        windows.set(key, starts);
        const oldest = starts[0] ?? now;
        return { ok: false, retryAfter: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)) };
      }
      starts.push(now);
      windows.set(key, starts);
      return OK;
    },
  };
}
