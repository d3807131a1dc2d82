import type { Clock } from "../core/clock.ts";
import { RelayError } from "../core/relay-error.ts";
import type { Logger } from "../core/logger.ts";
import { upstreamError } from "../providers/upstream-error.ts";
import type { Provider, ProviderCall } from "../providers/provider.ts";
import { cooldownName, type Cooldowns, isRetryableStatus, type RetryPolicy, retryDelayMs, type Semaphore, shouldRetry } from "../services/control/index.ts";

export interface DispatchDeps {
  clock: Clock;
  logger: Logger;
  cooldowns: Cooldowns;
  upstreamSlots: Semaphore;
  retryPolicy: RetryPolicy;
  /** Seconds until response headers: streams (`connect`) and non-streamed answers (`firstByte`). */
  timeouts: { connectMs: number; firstByteMs: number };
}

export interface Dispatched {
  response: Response;
  retries: number;
  /** Milliseconds the answering attempt took to get response headers (for Server-Timing and the metrics). */
  upstreamMs: number;
  /** Frees the upstream slot; call once the answer has been relayed (or dropped). Idempotent. */
  release: () => void;
}

/** The error an attempt ended in, with what the retry logic needs. */
interface Failure {
  error: RelayError;
  retryable: boolean;
  retryAfter?: number;
}

/**
 * One upstream call with the relay's policy around it (issue 8): an upstream slot (--max-upstream-requests, queued
 * beyond), a deadline for the answer to start, and retries with exponential backoff and full jitter on 429, 5xx,
 * connection errors and timeouts — all before any byte reaches the client, since the caller relays nothing until
 * this returns. A 429 puts the model in cooldown; when `hasFallback` is true the caller prefers another model
 * to waiting, so a 429 is returned at once instead of retried.
 */
export async function dispatch(deps: DispatchDeps, provider: Provider, call: ProviderCall, options: { stream: boolean; hasFallback: boolean }): Promise<Dispatched> {
  const { clock } = deps;
  const policy = provider.policy;
  const retryPolicy: RetryPolicy = policy?.attempts === undefined && policy?.totalMs === undefined
    ? deps.retryPolicy
    : { ...deps.retryPolicy, attempts: policy.attempts ?? deps.retryPolicy.attempts, totalMs: policy.totalMs ?? deps.retryPolicy.totalMs };
  const started = clock.now();
  const cooling = cooldownName(provider.id, call.model.id);
  for (let retries = 0; ; retries++) {
    const release = deps.upstreamSlots.tryAcquire() ?? (await deps.upstreamSlots.acquire(call.signal));
    const sentAt = performance.now();
    const outcome = await attempt(deps, provider, call, options.stream).catch((error: unknown) => failure(error, call.signal));
    if (outcome instanceof Response && outcome.ok) {
      deps.cooldowns.clear(cooling);
      return { response: outcome, retries, release, upstreamMs: performance.now() - sentAt };
    }
    const problem = outcome instanceof Response ? await failedAnswer(outcome) : outcome;
    release();
    if (problem.error.status === 429) {
      const coolingMs = deps.cooldowns.coolDown(cooling, problem.retryAfter);
      deps.logger.warn(`${cooling} answered 429: cooling down for ${Math.ceil(coolingMs / 1000)} s (POST /admin/cooldowns/reset ends it)`);
    }
    const delay = retryDelayMs(retryPolicy, retries + 1, problem.retryAfter, clock.random);
    const retry =
      problem.retryable &&
      !(problem.error.status === 429 && options.hasFallback) &&
      shouldRetry({ policy: retryPolicy, retriesSoFar: retries, elapsedMs: clock.now() - started, nextDelayMs: delay });
    if (!retry) {
      problem.error.retries = retries;
      throw problem.error;
    }
    deps.logger.debug(`${call.requestId}: ${call.model.id} answered ${problem.error.status} (${problem.error.message}); retry ${retries + 1} in ${Math.round(delay)} ms`);
    await wait(clock, delay, call.signal);
  }
}

/**
 * One try, with a deadline for the response headers that also aborts the upstream request. The attempt's own
 * controller follows the client's signal through a listener that lives only until the headers arrive: after
 * that, a client that leaves cancels the body stream, which aborts the upstream (cheaper than AbortSignal.any).
 */
async function attempt(deps: DispatchDeps, provider: Provider, call: ProviderCall, stream: boolean): Promise<Response> {
  const deadlineMs = (stream ? provider.policy?.connectMs : provider.policy?.firstByteMs) ?? (stream ? deps.timeouts.connectMs : deps.timeouts.firstByteMs);
  const controller = new AbortController();
  const followClient = () => controller.abort(call.signal.reason);
  call.signal.addEventListener("abort", followClient, { once: true });
  const handle = deps.clock.setTimeout(() => controller.abort(new RelayError("upstream", timeoutMessage(stream, deadlineMs), { status: 504, code: "upstream_timeout" })), deadlineMs);
  try {
    return await provider.send({ ...call, signal: controller.signal });
  } catch (error) {
    // The deadline's own reason says what happened; a fetch aborted by it rejects with an AbortError.
    if (controller.signal.aborted && !call.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    deps.clock.clearTimeout(handle);
    call.signal.removeEventListener("abort", followClient);
  }
}

const timeoutMessage = (stream: boolean, ms: number) =>
  stream
    ? `The upstream did not start answering within ${ms / 1000} s (--connect-timeout)`
    : `The upstream did not answer within ${ms / 1000} s (--first-byte-timeout)`;

async function failedAnswer(response: Response): Promise<Failure> {
  const error = await upstreamError(response);
  return { error, retryable: isRetryableStatus(response.status), retryAfter: error.retryAfter };
}

function failure(error: unknown, signal: AbortSignal): Failure {
  // A client that left is not retried: its error goes back up as it is.
  if (signal.aborted) throw error;
  if (error instanceof RelayError) return { error, retryable: error.status >= 500 || error.status === 429 };
  return { error: new RelayError("upstream", `The upstream request failed: ${(error as Error)?.message ?? String(error)}`, { cause: error }), retryable: true };
}

function wait(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(signal.reason);
    };
    const handle = clock.setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
