import { describe, expect, test } from "bun:test";
import { RelayError } from "../../src/core/relay-error.ts";
import { createSemaphore } from "../../src/services/control/index.ts";
import { settle } from "../support/manual-clock.ts";

describe("upstream request semaphore", () => {
  test("holds at most max requests and serves waiters first come, first served", async () => {
    const semaphore = createSemaphore({ max: 2, maxQueue: 10 });
    const first = await semaphore.acquire();
    const second = await semaphore.acquire();
    const order: string[] = [];
    const waiting = ["c", "d", "e"].map((name) => semaphore.acquire().then((release) => (order.push(name), release)));
    expect(semaphore.active()).toBe(2);
    expect(semaphore.queued()).toBe(3);
    second();
    await settle(1);
    expect(order).toEqual(["c"]);
    first();
    await settle(1);
    expect(order).toEqual(["c", "d"]);
    const [c] = await Promise.all(waiting.slice(0, 2));
    c?.();
    const releases = await Promise.all(waiting);
    expect(order).toEqual(["c", "d", "e"]);
    expect(semaphore.active()).toBe(2);
    for (const release of releases) release();
    expect(semaphore.active()).toBe(0);
  });

  test("a release called twice frees one place", async () => {
    const semaphore = createSemaphore({ max: 1, maxQueue: 10 });
    const release = await semaphore.acquire();
    let granted = 0;
    void semaphore.acquire().then(() => granted++);
    void semaphore.acquire().then(() => granted++);
    release();
    release();
    await settle(1);
    expect(granted).toBe(1);
    expect(semaphore.active()).toBe(1);
    expect(semaphore.queued()).toBe(1);
  });

  test("refuses with 503 and retry-after 1 when the queue is full, naming the limit", async () => {
    const semaphore = createSemaphore({ max: 1, maxQueue: 1 });
    await semaphore.acquire();
    void semaphore.acquire();
    const error = (await semaphore.acquire().catch((caught: unknown) => caught)) as RelayError;
    expect(error).toBeInstanceOf(RelayError);
    expect(error.status).toBe(503);
    expect(error.kind).toBe("unavailable");
    expect(error.retryAfter).toBe(1);
    expect(error.message).toContain("--max-upstream-requests");
  });

  test("an aborted waiter leaves the queue with the signal's reason", async () => {
    const semaphore = createSemaphore({ max: 1, maxQueue: 5 });
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const aborted = semaphore.acquire(controller.signal).catch((error: unknown) => error);
    const next = semaphore.acquire();
    const reason = new Error("client closed");
    controller.abort(reason);
    expect(semaphore.queued()).toBe(1);
    expect(await aborted).toBe(reason);
    release();
    (await next)();
    expect(semaphore.active()).toBe(0);
  });

  test("max 0 means no limit", async () => {
    const semaphore = createSemaphore({ max: 0, maxQueue: 0 });
    await Promise.all(Array.from({ length: 20 }, () => semaphore.acquire()));
    expect(semaphore.active()).toBe(20);
  });
});
