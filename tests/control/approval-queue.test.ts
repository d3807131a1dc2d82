import { describe, expect, test } from "bun:test";
import { RelayError } from "../../src/core/relay-error.ts";
import { type ApprovalRequest, createApprovalQueue, type PendingApproval } from "../../src/services/control/index.ts";
import { ManualClock, settle } from "../support/manual-clock.ts";

const summary = (model: string): ApprovalRequest => ({
  dialect: "openai-chat",
  model,
  initiator: "user",
  bytes: 1234,
  client: "openai-node/6.0",
  route: "/v1/chat/completions",
});

const outcome = (promise: Promise<void>): Promise<"approved" | unknown> =>
  promise.then(
    () => "approved",
    (error: unknown) => error,
  );

/** A prompter the test answers by hand, one deferred answer per prompt shown. */
function scriptedPrompter() {
  const shown: { item: PendingApproval; signal?: AbortSignal; answer: (value: boolean | undefined) => void }[] = [];
  const prompter = (item: PendingApproval, signal?: AbortSignal) =>
    new Promise<boolean | undefined>((resolve) => {
      shown.push({ item, signal, answer: resolve });
    });
  return { shown, prompter };
}

describe("approval queue through the API", () => {
  test("lists waiting requests oldest first and approves one by id", async () => {
    const clock = new ManualClock(Date.parse("2025-01-02T03:04:05.000Z"));
    const queue = createApprovalQueue({ timeoutMs: 60_000, clock });
    const first = outcome(queue.request(summary("gpt-4.1")));
    await clock.advance(1000);
    const second = outcome(queue.request(summary("claude-sonnet-4.5")));
    const pending = queue.pending();
    expect(pending.map((item) => item.model)).toEqual(["gpt-4.1", "claude-sonnet-4.5"]);
    expect(pending[0]).toMatchObject({ ...summary("gpt-4.1"), receivedAt: "2025-01-02T03:04:05.000Z" });
    expect(pending[0]?.id).not.toBe(pending[1]?.id);

    expect(queue.approve(pending[1]?.id ?? "")).toBe(true);
    expect(await second).toBe("approved");
    expect(queue.approve(pending[1]?.id ?? "")).toBe(false);
    expect(queue.pending().map((item) => item.model)).toEqual(["gpt-4.1"]);
    expect(queue.approve(pending[0]?.id ?? "")).toBe(true);
    expect(await first).toBe("approved");
  });

  test("a rejected request fails with a 403 permission error", async () => {
    const queue = createApprovalQueue({ timeoutMs: 60_000, clock: new ManualClock(0) });
    const result = outcome(queue.request(summary("gpt-4.1")));
    const id = queue.pending()[0]?.id ?? "";
    expect(queue.reject(id)).toBe(true);
    const error = (await result) as RelayError;
    expect(error).toBeInstanceOf(RelayError);
    expect(error.status).toBe(403);
    expect(error.kind).toBe("permission");
    expect(error.message).toContain("rejected");
    expect(queue.reject(id)).toBe(false);
    expect(queue.approve("no-such-id")).toBe(false);
  });

  test("an undecided request fails with a 403 that says it timed out", async () => {
    const clock = new ManualClock(0);
    const queue = createApprovalQueue({ timeoutMs: 30_000, clock });
    const result = outcome(queue.request(summary("gpt-4.1")));
    await clock.advance(29_999);
    expect(queue.pending()).toHaveLength(1);
    await clock.advance(1);
    const error = (await result) as RelayError;
    expect(error.status).toBe(403);
    expect(error.message).toContain("timed out after 30 s");
    expect(queue.pending()).toHaveLength(0);
  });

  test("an aborted request leaves the queue at once with the signal's reason", async () => {
    const clock = new ManualClock(0);
    const queue = createApprovalQueue({ timeoutMs: 30_000, clock });
    const controller = new AbortController();
    const result = outcome(queue.request(summary("gpt-4.1"), controller.signal));
    const reason = new Error("client closed");
    controller.abort(reason);
    expect(queue.pending()).toHaveLength(0);
    expect(await result).toBe(reason);
    expect(clock.pending()).toHaveLength(0);
  });
});

describe("approval queue with a prompter", () => {
  test("a prompt's yes approves and its no rejects with 403", async () => {
    const { shown, prompter } = scriptedPrompter();
    const queue = createApprovalQueue({ timeoutMs: 60_000, clock: new ManualClock(0), prompter });
    const approved = outcome(queue.request(summary("gpt-4.1")));
    await settle(1);
    expect(shown[0]?.item).toMatchObject(summary("gpt-4.1"));
    shown[0]?.answer(true);
    expect(await approved).toBe("approved");

    const rejected = outcome(queue.request(summary("gpt-4.1")));
    await settle(1);
    shown[1]?.answer(false);
    expect(((await rejected) as RelayError).status).toBe(403);
  });

  test("shows one prompt at a time, oldest first, while the others queue", async () => {
    const { shown, prompter } = scriptedPrompter();
    const queue = createApprovalQueue({ timeoutMs: 60_000, clock: new ManualClock(0), prompter });
    const results = ["a", "b", "c"].map((model) => outcome(queue.request(summary(model))));
    await settle(1);
    expect(shown.map((prompt) => prompt.item.model)).toEqual(["a"]);
    shown[0]?.answer(true);
    await settle(1);
    expect(shown.map((prompt) => prompt.item.model)).toEqual(["a", "b"]);
    shown[1]?.answer(false);
    await settle(1);
    expect(shown.map((prompt) => prompt.item.model)).toEqual(["a", "b", "c"]);
    shown[2]?.answer(true);
    const [a, b, c] = await Promise.all(results);
    expect(a).toBe("approved");
    expect((b as RelayError).status).toBe(403);
    expect(c).toBe("approved");
  });

  test("a decision through the API closes the open prompt: its later answer is ignored and the next item is shown", async () => {
    const { shown, prompter } = scriptedPrompter();
    const queue = createApprovalQueue({ timeoutMs: 60_000, clock: new ManualClock(0), prompter });
    const first = outcome(queue.request(summary("a")));
    const second = outcome(queue.request(summary("b")));
    await settle(1);
    expect(queue.approve(shown[0]?.item.id ?? "")).toBe(true);
    expect(shown[0]?.signal?.aborted).toBe(true);
    await settle(1);
    expect(shown.map((prompt) => prompt.item.model)).toEqual(["a", "b"]);
    shown[0]?.answer(false);
    await settle(1);
    expect(await first).toBe("approved");
    expect(queue.pending().map((item) => item.model)).toEqual(["b"]);
    expect(shown).toHaveLength(2);
    shown[1]?.answer(true);
    expect(await second).toBe("approved");
  });

  test("a timeout while the prompt is open moves on to the next item", async () => {
    const clock = new ManualClock(0);
    const { shown, prompter } = scriptedPrompter();
    const queue = createApprovalQueue({ timeoutMs: 10_000, clock, prompter });
    const first = outcome(queue.request(summary("a")));
    await clock.advance(5000);
    const second = outcome(queue.request(summary("b")));
    await clock.advance(5000);
    expect(((await first) as RelayError).message).toContain("timed out");
    expect(shown.map((prompt) => prompt.item.model)).toEqual(["a", "b"]);
    shown[0]?.answer(true);
    shown[1]?.answer(true);
    expect(await second).toBe("approved");
  });

  test("no answer (or a failing prompt) leaves the item to the API and shows the next without asking twice", async () => {
    const shown: string[] = [];
    const prompter = async (item: PendingApproval) => {
      shown.push(item.model);
      if (item.model === "a") return undefined;
      throw new Error("no terminal");
    };
    const queue = createApprovalQueue({ timeoutMs: 60_000, clock: new ManualClock(0), prompter });
    const first = outcome(queue.request(summary("a")));
    const second = outcome(queue.request(summary("b")));
    await settle(2);
    expect(shown).toEqual(["a", "b"]);
    expect(queue.pending().map((item) => item.model)).toEqual(["a", "b"]);
    for (const item of queue.pending()) queue.approve(item.id);
    expect(await Promise.all([first, second])).toEqual(["approved", "approved"]);
    expect(shown).toEqual(["a", "b"]);
  });
});
