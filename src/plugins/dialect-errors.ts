import { Elysia } from "elysia";
import type { Logger } from "../core/logger.ts";
import type { RelayError } from "../core/relay-error.ts";
import type { RequestIds } from "./request-id.ts";
import { toRelayError } from "./to-relay-error.ts";

export type ErrorRenderer = (error: RelayError) => unknown;

/**
 * Renders errors of the routes registered after it in one dialect's envelope. Each protocol's routes use it with
 * their own renderer; the app's fallback (unknown routes) is registered last.
 */
export function dialectErrors(name: string, render: ErrorRenderer, logger: Logger, requestIds: RequestIds) {
  return new Elysia({ seed: name }).onError({ as: "scoped" }, ({ code, error, request }) => {
    const requestId = requestIds.idFor(request);
    const relayError = toRelayError(code, error, requestId);
    if (relayError.status >= 500 && relayError.kind === "internal") {
      logger.error(`${request.method} ${new URL(request.url).pathname} failed (request id ${requestId}):`, error);
    } else {
      logger.debug(`${request.method} ${new URL(request.url).pathname} → ${relayError.status} ${relayError.message}`);
    }
    const headers: Record<string, string> = { "content-type": "application/json", "x-request-id": requestId };
    if (relayError.retryAfter !== undefined) headers["retry-after"] = String(relayError.retryAfter);
    return new Response(JSON.stringify(render(relayError)), { status: relayError.status, headers });
  });
}
