import { afterEach, describe, expect, test } from "bun:test";
import type { PendingApproval } from "../../src/services/control/index.ts";
import { ManualClock, settle } from "../support/manual-clock.ts";
import { type HarnessOptions, type RelayHarness, startRelay } from "../support/relay-harness.ts";

let relay: RelayHarness | undefined;
afterEach(async () => {
  await relay?.stop();
  relay = undefined;
});
const start = async (options: HarnessOptions) => {
  relay = await startRelay(options);
  return relay;
};
const chat = (content = "hi") => JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content }] });
const post = (harness: RelayHarness, body = chat(), path = "/v1/chat/completions") => fetch(`${harness.url}${path}`, { method: "POST", body });
const upstreamCount = (harness: RelayHarness) => harness.fake.find("/copilot/chat/completions").length;

describe("--rate-limit", () => {
  test("without --wait: of 20 concurrent requests one goes upstream, the rest get 429 with retry-after, in each dialect", async () => {
    const clock = new ManualClock();
    const harness = await start({ clock, flags: { rateLimit: 2 } });
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(harness)));
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    const refused = responses.filter((response) => response.status === 429);
    expect(refused).toHaveLength(19);
    expect(refused.every((response) => Number(response.headers.get("retry-after")) >= 1)).toBe(true);
    expect(((await refused[0]!.json()) as { error: { type: string } }).error.type).toBe("rate_limit_error");
    const anthropic = await post(harness, JSON.stringify({ model: "gpt-4.1", max_tokens: 5, messages: [{ role: "user", content: "hi" }] }), "/v1/messages");
    expect(await anthropic.json()).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    expect(upstreamCount(harness)).toBe(1);
    await clock.advance(2000);
    expect((await post(harness)).status).toBe(200);
  });

  test("with --wait: 20 concurrent requests go upstream one per interval, in order, and all succeed", async () => {
    const clock = new ManualClock();
    const harness = await start({ clock, flags: { rateLimit: 1, wait: true } });
    const pending = Array.from({ length: 20 }, (_, index) => post(harness, chat(`request ${index}`)));
    await settle();
    expect(upstreamCount(harness)).toBe(1);
    for (let step = 2; step <= 20; step++) {
      await clock.advance(1000);
      expect(upstreamCount(harness)).toBe(step);
    }
    expect((await Promise.all(pending)).every((response) => response.status === 200)).toBe(true);
  });

  test("with --wait, a full queue is answered 429", async () => {
    const clock = new ManualClock();
    const harness = await start({ clock, flags: { rateLimit: 1, wait: true, rateLimitQueue: 2 } });
    const pending = Array.from({ length: 5 }, () => post(harness));
    await settle();
    await clock.advance(3000);
    const statuses = (await Promise.all(pending)).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describe("--manual", () => {
  const pendingList = async (harness: RelayHarness) =>
    ((await (await fetch(`${harness.url}/admin/approvals`)).json()) as { pending: PendingApproval[] }).pending;

  test("without a terminal, requests wait for the API: approve, reject (403 in the caller's dialect), queueing", async () => {
    const harness = await start({ flags: { manual: true } });
    const first = post(harness, chat("first"));
    const second = post(harness, JSON.stringify({ model: "gpt-4.1", max_tokens: 5, messages: [{ role: "user", content: "second" }] }), "/v1/messages");
    await settle();
    const queued = await pendingList(harness);
    expect(queued.map((item) => item.dialect)).toEqual(["openai-chat", "anthropic-messages"]);
    expect(queued[0]).toMatchObject({ model: "gpt-4.1", initiator: "user", route: "/v1/chat/completions" });
    expect(upstreamCount(harness)).toBe(0);

    expect((await fetch(`${harness.url}/admin/approvals/${queued[0]!.id}/approve`, { method: "POST" })).status).toBe(200);
    expect((await first).status).toBe(200);
    expect((await fetch(`${harness.url}/admin/approvals/${queued[1]!.id}/reject`, { method: "POST" })).status).toBe(200);
    const rejected = await second;
    expect(rejected.status).toBe(403);
    expect(await rejected.json()).toMatchObject({ type: "error", error: { type: "permission_error" } });
    expect(upstreamCount(harness)).toBe(1);
    expect((await fetch(`${harness.url}/admin/approvals/unknown/approve`, { method: "POST" })).status).toBe(404);
  });

  test("an undecided request is rejected when the approval times out", async () => {
    const clock = new ManualClock();
    const harness = await start({ clock, flags: { manual: true, approvalTimeout: 30 } });
    const waiting = post(harness);
    await settle();
    await clock.advance(30_000);
    const response = await waiting;
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/timed out/i);
  });

  test("an injected terminal prompt decides one request at a time while the others queue", async () => {
    const asked: string[] = [];
    const answers: ((value: boolean) => void)[] = [];
    const harness = await start({
      flags: { manual: true },
      approvalPrompter: (item) =>
        new Promise<boolean>((resolve) => {
          asked.push((JSON.parse(JSON.stringify(item)) as PendingApproval).model);
          answers.push(resolve);
        }),
    });
    const one = post(harness, chat("one"));
    const two = post(harness, JSON.stringify({ model: "gpt-5-mini", messages: [{ role: "user", content: "two" }] }));
    await settle();
    expect(asked).toEqual(["gpt-4.1"]);
    answers[0]!(true);
    expect((await one).status).toBe(200);
    await settle();
    expect(asked).toEqual(["gpt-4.1", "gpt-5-mini"]);
    answers[1]!(false);
    expect((await two).status).toBe(403);
  });
});
