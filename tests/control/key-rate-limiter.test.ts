import { describe, expect, test } from "bun:test";
import { createKeyRateLimiter } from "../../src/services/control/index.ts";
import { ManualClock } from "../support/manual-clock.ts";

describe("per-key requests per minute", () => {
  test("allows perMinute requests in any sliding minute and says when the next one may come", async () => {
    const clock = new ManualClock(0);
    const limiter = createKeyRateLimiter({ perMinute: 3, clock });
    expect(limiter.take("key-a")).toEqual({ ok: true });
    await clock.advance(20_000);
    expect(limiter.take("key-a")).toEqual({ ok: true });
    expect(limiter.take("key-a")).toEqual({ ok: true });
    expect(limiter.take("key-a")).toEqual({ ok: false, retryAfter: 40 });
    await clock.advance(39_500);
    expect(limiter.take("key-a")).toEqual({ ok: false, retryAfter: 1 });
    await clock.advance(500);
    expect(limiter.take("key-a")).toEqual({ ok: true });
    expect(limiter.take("key-a")).toEqual({ ok: false, retryAfter: 20 });
  });

  test("counts each key on its own", () => {
    const limiter = createKeyRateLimiter({ perMinute: 1, clock: new ManualClock(0) });
    expect(limiter.take("key-a").ok).toBe(true);
    expect(limiter.take("key-b").ok).toBe(true);
    expect(limiter.take("key-a").ok).toBe(false);
  });

  test("perMinute 0 is unlimited", () => {
    const limiter = createKeyRateLimiter({ perMinute: 0, clock: new ManualClock(0) });
    for (let index = 0; index < 1000; index++) expect(limiter.take("key-a").ok).toBe(true);
    expect(limiter.size()).toBe(0);
  });

  test("forgets keys with no request in the last minute", async () => {
    const clock = new ManualClock(0);
    const limiter = createKeyRateLimiter({ perMinute: 5, clock });
    for (let index = 0; index < 100; index++) limiter.take(`key-${index}`);
    expect(limiter.size()).toBe(100);
    await clock.advance(60_000);
    limiter.take("key-new");
    expect(limiter.size()).toBe(1);
  });
});
