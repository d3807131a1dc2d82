import type { Clock } from "../../core/clock.ts";
import { RelayError } from "../../core/relay-error.ts";
import { abortReason, onAbort } from "./abort.ts";

export interface RateLimiterOptions {
  /** Minimum time between the starts of two upstream requests (--rate-limit); 0 means no limit. */
  spacingMs: number;
  /** Queue an early request for its slot (--wait) instead of refusing it with 429. */
  wait?: boolean;
  /** Most waiters the queue holds; one more is refused with 429. Unbounded when omitted. */
  maxQueue?: number;
  /** Longest a waiter may wait for its slot; a longer wait is refused with 429. Unbounded when omitted. */
  maxWaitMs?: number;
  clock: Clock;
}

export interface RateLimiter {
  /** Resolves when this request may start upstream; rejects with a 429 RelayError or the signal's reason. */
  acquire(signal?: AbortSignal): Promise<void>;
  queued(): number;
}

interface Waiter {
  resolve: () => void;
  detach: () => void;
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * Spacing between upstream request starts (issue 8). Requests are admitted in a FIFO queue decided synchronously in
 * `acquire`, so concurrent callers each get their own slot `spacingMs` apart — copilot-api compared timestamps and let
 * simultaneous requests through together. A waiter that aborts leaves the queue and the ones behind it move up.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { spacingMs, clock } = options;
  const maxQueue = options.maxQueue ?? Number.POSITIVE_INFINITY;
  const maxWaitMs = options.maxWaitMs ?? Number.POSITIVE_INFINITY;
  const queue: Waiter[] = [];
  let lastStart = Number.NEGATIVE_INFINITY;
  let timer: unknown;

  const nextFreeAt = (): number => Math.max(clock.now(), lastStart + spacingMs);

  const refuse = (message: string, waitMs: number): RelayError =>
    new RelayError("rate_limit", message, { code: "rate_limited", retryAfter: seconds(waitMs) });

  const schedule = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    timer = clock.setTimeout(release, nextFreeAt() - clock.now());
  };

  function release(): void {
    timer = undefined;
    const head = queue.shift();
    if (head) {
      lastStart = clock.now();
      head.detach();
      head.resolve();
    }
    schedule();
  }

  return {
    queued: () => queue.length,
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (spacingMs <= 0) return Promise.resolve();
      const now = clock.now();
      const slot = nextFreeAt();
      if (queue.length === 0 && slot <= now) {
        lastStart = now;
        return Promise.resolve();
      }
      const spacing = `copilot-relay spaces upstream requests ${spacingMs / 1000} s apart (--rate-limit)`;
      if (!options.wait) {
        return Promise.reject(refuse(`Rate limited: ${spacing}; retry in ${seconds(slot - now)} s.`, slot - now));
      }
      if (queue.length >= maxQueue) {
        // A place frees when the head of the queue starts.
        return Promise.reject(refuse(`Rate limited: ${spacing} and its queue of ${maxQueue} is full.`, slot - now));
      }
      const waitMs = slot + queue.length * spacingMs - now;
      if (waitMs > maxWaitMs) {
        // Seconds until the same wait would fit within the maximum.
        return Promise.reject(
          refuse(`Rate limited: ${spacing}; the wait of ${seconds(waitMs)} s would pass the maximum of ${maxWaitMs / 1000} s.`, waitMs - maxWaitMs),
        );
      }
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { resolve, detach: () => {} };
        waiter.detach = onAbort(signal, () => {
          const index = queue.indexOf(waiter);
          if (index < 0) return;
          queue.splice(index, 1);
          if (index === 0) schedule();
          reject(abortReason(signal));
        });
        queue.push(waiter);
        if (queue.length === 1) schedule();
      });
    },
  };
}
