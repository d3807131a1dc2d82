import type { Clock } from "../../core/clock.ts";
import { RelayError } from "../../core/relay-error.ts";
import { abortReason, onAbort } from "./abort.ts";

/** What the operator sees of a request waiting for approval (--manual). */
export interface ApprovalRequest {
  dialect: string;
  model: string;
  initiator: string;
  bytes: number;
  client: string;
  route: string;
}

export interface PendingApproval extends ApprovalRequest {
  id: string;
  /** ISO time the request arrived. */
  receivedAt: string;
}

/**
 * Asks about one item: true approves, false rejects, undefined leaves it to the API or the timeout. The signal
 * aborts when the item is decided elsewhere meanwhile, so a prompt that can close itself does.
 */
export type ApprovalPrompter = (item: PendingApproval, signal?: AbortSignal) => Promise<boolean | undefined>;

export interface ApprovalQueueOptions {
  timeoutMs: number;
  clock: Clock;
  prompter?: ApprovalPrompter;
}

export interface ApprovalQueue {
  /** Resolves when approved; rejects with a 403 RelayError when rejected or timed out, or the signal's reason. */
  request(summary: ApprovalRequest, signal?: AbortSignal): Promise<void>;
  /** Undecided requests, oldest first. */
  pending(): PendingApproval[];
  /** False when the id is unknown or already decided. */
  approve(id: string): boolean;
  reject(id: string): boolean;
  readonly prompter?: ApprovalPrompter;
}

interface Entry {
  item: PendingApproval;
  /** Approves when no error is given. */
  settle: (outcome: { error: unknown } | undefined) => void;
  /** A prompt has been shown for it (answered or not), so it is not prompted again. */
  prompted: boolean;
}

/**
 * The --manual approval queue (issue 8): one service both the terminal prompt and the admin API decide through.
 * The prompter sees one item at a time, the oldest not yet shown; a decision by the API or the timeout while its
 * prompt is open wins, the prompt's late answer is ignored and the next item is shown.
 */
export function createApprovalQueue(options: ApprovalQueueOptions): ApprovalQueue {
  const { timeoutMs, clock, prompter } = options;
  const entries = new Map<string, Entry>();
  let open: { id: string; controller: AbortController } | undefined;

  function decide(id: string, refusal?: { error: unknown }): boolean {
    const entry = entries.get(id);
    if (!entry) return false;
    entries.delete(id);
    entry.settle(refusal);
    if (open?.id === id) {
      open.controller.abort();
      open = undefined;
    }
    promptNext();
    return true;
  }

  function promptNext(): void {
    if (!prompter || open) return;
    const entry = [...entries.values()].find((candidate) => !candidate.prompted);
    if (!entry) return;
    entry.prompted = true;
    const current = { id: entry.item.id, controller: new AbortController() };
    open = current;
    const answered = (answer: boolean | undefined): void => {
      if (open !== current) return;
      open = undefined;
      if (answer === true) decide(current.id);
      else if (answer === false) decide(current.id, { error: rejected() });
      else promptNext();
    };
    // A prompter that throws has given no answer.
    Promise.resolve()
      .then(() => prompter({ ...entry.item }, current.controller.signal))
      .then(answered, () => answered(undefined));
  }

  return {
    prompter,
    pending: () => [...entries.values()].map((entry) => ({ ...entry.item })),
    approve: (id) => decide(id),
    reject: (id) => decide(id, { error: rejected() }),
    request(summary, signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      return new Promise<void>((resolve, reject) => {
        const item: PendingApproval = { ...summary, id: crypto.randomUUID(), receivedAt: new Date(clock.now()).toISOString() };
        const timer = clock.setTimeout(() => decide(item.id, { error: timedOut(timeoutMs) }), timeoutMs);
        const detach = onAbort(signal, () => decide(item.id, { error: abortReason(signal) }));
        entries.set(item.id, {
          item,
          prompted: false,
          settle(refusal) {
            clock.clearTimeout(timer);
            detach();
            if (refusal) reject(refusal.error);
            else resolve();
          },
        });
        promptNext();
      });
    },
  };
}

const rejected = (): RelayError =>
  new RelayError("permission", "The request was rejected by the relay's operator (copilot-relay --manual).", { code: "request_rejected" });

const timedOut = (timeoutMs: number): RelayError =>
  new RelayError("permission", `The request timed out after ${Math.round(timeoutMs / 1000)} s waiting for manual approval (copilot-relay --manual).`, {
    code: "approval_timeout",
  });
