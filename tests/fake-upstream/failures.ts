import type { FakeState } from "./state";
import type { InjectedFailure } from "./types";

export function addFailure(state: FakeState, failure: InjectedFailure): void {
  const remaining = failure.times ?? 1;
  if (remaining <= 0) return;
  state.failures.push({ failure: { ...failure }, remaining });
}

/** Consumes the oldest pending failure for this exact path, if any, and builds its response. */
export async function takeFailure(state: FakeState, path: string): Promise<Response | undefined> {
  const index = state.failures.findIndex((p) => p.failure.path === path);
  const pending = state.failures[index];
  if (pending === undefined) return undefined;
  pending.remaining -= 1;
  if (pending.remaining <= 0) state.failures.splice(index, 1);
  const { failure } = pending;
  if (failure.delayMs !== undefined && failure.delayMs > 0) await Bun.sleep(failure.delayMs);
  return failureResponse(failure);
}

function failureResponse(failure: InjectedFailure): Response {
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
