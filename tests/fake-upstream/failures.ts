import { ANSWER_PATHS } from "./fault-answer";
import { answerFault, resetBeforeHeaders } from "./fault-response";
import { sleepUnlessAborted } from "./http";
import type { FakeState } from "./state";
import type { InjectedFailure, RecordedRequest, StatusFailure } from "./types";

const ANSWER_KINDS = new Set(["reset-mid-stream", "stall", "drip", "huge"]);

export function addFailure(state: FakeState, failure: InjectedFailure): void {
  const kind = failure.kind ?? "status";
  if (ANSWER_KINDS.has(kind) && !(ANSWER_PATHS as readonly string[]).includes(failure.path)) {
    throw new Error(`fake upstream: a "${kind}" fault needs one of ${ANSWER_PATHS.join(", ")}, not ${failure.path}`);
  }
  const remaining = failure.times ?? 1;
  if (remaining <= 0) return;
  state.failures.push({ failure: { ...failure }, remaining });
}

/**
 * Consumes the oldest pending failure for this exact path, if any, and builds its response. Undefined means
 * "answer normally": no failure, or a no-headers-delay one whose wait is over.
 */
export async function takeFailure(state: FakeState, rec: RecordedRequest, req: Request): Promise<Response | undefined> {
  const index = state.failures.findIndex((p) => p.failure.path === rec.path);
  const pending = state.failures[index];
  if (pending === undefined) return undefined;
  pending.remaining -= 1;
  if (pending.remaining <= 0) state.failures.splice(index, 1);
  const { failure } = pending;
  if (failure.delayMs !== undefined && failure.delayMs > 0) {
    await sleepUnlessAborted(failure.delayMs, req.signal);
    if (req.signal.aborted) {
      if (failure.kind === "no-headers-delay") state.cancelledStreams += 1;
      return resetBeforeHeaders();
    }
  }
  switch (failure.kind) {
    case undefined:
    case "status":
      return statusResponse(failure);
    case "no-headers-delay":
      return undefined;
    case "reset-before-headers":
      return resetBeforeHeaders();
    default:
      return answerFault(state, rec, req, failure);
  }
}

function statusResponse(failure: StatusFailure): Response {
  const { body, status } = failure;
  let payload: string | null = null;
  let contentType: string | undefined;
  if (typeof body === "string") {
    payload = body;
    contentType = "text/plain; charset=utf-8";
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    contentType = "application/json; charset=utf-8";
  }
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers["content-type"] = contentType;
  for (const [k, v] of Object.entries(failure.headers ?? {})) headers[k.toLowerCase()] = v;
  return new Response(payload, { status, headers });
}
