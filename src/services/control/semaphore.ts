import type { Clock } from "../../core/clock.ts";
import { RelayError } from "../../core/relay-error.ts";
import { abortReason, onAbort } from "./abort.ts";

export interface SemaphoreOptions {
  /** Most holders at once (--max-upstream-requests); 0 or less means no limit. */
  max: number;
  /** Most waiters; one more is refused with 503. Unbounded when omitted. */
  maxQueue?: number;
  /** Accepted for symmetry with the other services; waiting here needs no timers. */
  clock?: Clock;
}

export interface Semaphore {
  /** Resolves with the release function (calling it twice releases once). */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** The release function when a slot is free and nobody waits, else undefined (no promise, no await). */
  tryAcquire(): (() => void) | undefined;
  active(): number;
  queued(): number;
}

interface Waiter {
  grant: () => void;
  detach: () => void;
}

/** Bounds concurrent upstream requests; waiters are served first come, first served. */
export function createSemaphore(options: SemaphoreOptions): Semaphore {
  const max = options.max > 0 ? options.max : Number.POSITIVE_INFINITY;
  const maxQueue = options.maxQueue ?? Number.POSITIVE_INFINITY;
  const queue: Waiter[] = [];
  let holders = 0;

  const releaser = (): (() => void) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      holders -= 1;
      const next = queue.shift();
      if (next) {
        holders += 1;
        next.detach();
        next.grant();
      }
    };
  };

  return {
    active: () => holders,
    queued: () => queue.length,
    tryAcquire() {
      if (holders >= max || queue.length > 0) return undefined;
      holders += 1;
      return releaser();
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (holders < max && queue.length === 0) {
        holders += 1;
        return Promise.resolve(releaser());
      }
      if (queue.length >= maxQueue) {
        return Promise.reject(
          new RelayError(
            "unavailable",
            `copilot-relay is at its limit of ${max} concurrent upstream requests (--max-upstream-requests) and its queue of ${maxQueue} is full; retry shortly.`,
            { code: "upstream_queue_full", retryAfter: 1 },
          ),
        );
      }
      return new Promise<() => void>((resolve, reject) => {
        const waiter: Waiter = { grant: () => resolve(releaser()), detach: () => {} };
        waiter.detach = onAbort(signal, () => {
          const index = queue.indexOf(waiter);
          if (index < 0) return;
          queue.splice(index, 1);
          reject(abortReason(signal));
        });
        queue.push(waiter);
      });
    },
  };
}
