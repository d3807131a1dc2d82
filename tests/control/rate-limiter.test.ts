import { describe, expect, test } from "bun:test";
import { RelayError } from "../../src/core/relay-error.ts";
import { createRateLimiter } from "../../src/services/control/index.ts";
import { ManualClock, settle } from "../support/manual-clock.ts";

const refusal = async (promise: Promise<unknown>): Promise<RelayError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RelayError);
  return error as RelayError;
};

describe("rate limiter without --wait", () => {
  test("lets one of 20 concurrent requests through and refuses the rest with 429 and the seconds to the next slot", async () => {
    const clock = new ManualClock(0);
    const limiter = createRateLimiter({ spacingMs: 2500, clock });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => limiter.acquire()));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refusals = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as RelayError] : []));
    expect(refusals).toHaveLength(19);
    for (const error of refusals) {
      expect(error.status).toBe(429);
      expect(error.kind).toBe("rate_limit");
      expect(error.retryAfter).toBe(3);
    }
    expect(limiter.queued()).toBe(0);
  });

  test("a refused request reserves nothing: the next slot stays spacingMs after the last start", async () => {
    const clock = new ManualClock(0);
    const limiter = createRateLimiter({ spacingMs: 2500, clock });
    await limiter.acquire();
    await clock.advance(1000);
    expect((await refusal(limiter.acquire())).retryAfter).toBe(2);
    await clock.advance(1499);
    expect((await refusal(limiter.acquire())).retryAfter).toBe(1);
    await clock.advance(1);
    await limiter.acquire();
    expect((await refusal(limiter.acquire())).retryAfter).toBe(3);
  });

  test("spacing 0 means no limit", async () => {
    const limiter = createRateLimiter({ spacingMs: 0, clock: new ManualClock(0) });
    await Promise.all(Array.from({ length: 50 }, () => limiter.acquire()));
  });
});

describe("rate limiter with --wait", () => {
  test("gives 20 concurrent requests 20 distinct slots spacingMs apart", async () => {
    const clock = new ManualClock(0);
    const limiter = createRateLimiter({ spacingMs: 1000, wait: true, maxQueue: 50, maxWaitMs: 60_000, clock });
    const starts: number[] = [];
    const all = Promise.all(Array.from({ length: 20 }, () => limiter.acquire().then(() => starts.push(clock.now()))));
    await settle(1);
    expect(limiter.queued()).toBe(19);
    for (let step = 0; step < 19; step++) await clock.advance(1000);
    await all;
    expect(starts).toEqual(Array.from({ length: 20 }, (_, index) => index * 1000));
    expect(limiter.queued()).toBe(0);
  });

  test("refuses with 429 once the queue holds maxQueue waiters", async () => {
    const clock = new ManualClock(0);
    const limiter = createRateLimiter({ spacingMs: 1000, wait: true, maxQueue: 2, maxWaitMs: 60_000, clock });
    await limiter.acquire();
    const waiting = [limiter.acquire(), limiter.acquire()];
    const error = await refusal(limiter.acquire());
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(1);
    expect(error.message).toContain("queue of 2 is full");
    expect(limiter.queued()).toBe(2);
    await clock.advance(2000);
    await Promise.all(waiting);
  });

  test("refuses with 429 a wait longer than maxWaitMs, saying when the wait would fit", async () => {
    const clock = new ManualClock(0);
    const limiter = createRateLimiter({ spacingMs: 10_000, wait: true, maxQueue: 10, maxWaitMs: 15_000, clock });
    await limiter.acquire();
    const second = limiter.acquire();
    const error = await refusal(limiter.acquire());
    expect(error.retryAfter).toBe(5);
    expect(error.message).toContain("maximum of 15 s");
    expect(limiter.queued()).toBe(1);
    await clock.advance(10_000);
    await second;
  });

  test("an aborted waiter leaves the queue at once with the signal's reason, and the ones behind move up", async () => {
    const clock = new ManualClock(0);
    const limiter = createRateLimiter({ spacingMs: 1000, wait: true, maxQueue: 10, maxWaitMs: 60_000, clock });
    await limiter.acquire();
    const starts: Record<string, number> = {};
    const controller = new AbortController();
    const first = limiter.acquire().then(() => (starts.first = clock.now()));
    const aborted = limiter.acquire(controller.signal);
    const third = limiter.acquire().then(() => (starts.third = clock.now()));
    const reason = new Error("client went away");
    controller.abort(reason);
    expect(limiter.queued()).toBe(2);
    expect(await aborted.catch((error: unknown) => error)).toBe(reason);
    await clock.advance(2000);
    await Promise.all([first, third]);
    expect(starts).toEqual({ first: 1000, third: 2000 });
  });

  test("aborting the head of the queue hands its slot to the next waiter", async () => {
    const clock = new ManualClock(0);
    const limiter = createRateLimiter({ spacingMs: 1000, wait: true, clock });
    await limiter.acquire();
    const controller = new AbortController();
    const head = limiter.acquire(controller.signal).catch(() => "aborted");
    let startedAt: number | undefined;
    const next = limiter.acquire().then(() => (startedAt = clock.now()));
    controller.abort();
    expect(await head).toBe("aborted");
    await clock.advance(1000);
    await next;
    expect(startedAt).toBe(1000);
  });

  test("an already aborted signal is refused without taking a slot", async () => {
    const clock = new ManualClock(0);
    const limiter = createRateLimiter({ spacingMs: 1000, wait: true, clock });
    const controller = new AbortController();
    controller.abort(new Error("gone"));
    expect(((await limiter.acquire(controller.signal).catch((error: unknown) => error)) as Error).message).toBe("gone");
    await limiter.acquire();
    expect(limiter.queued()).toBe(0);
  });
});
