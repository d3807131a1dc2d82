import { Elysia } from "elysia";
import type { RequestGuard } from "../services/guard/request-guard.ts";
import { errorBodyFor } from "../services/guard/route-dialect.ts";
import type { RequestIds } from "./request-id.ts";

/** The path of a request URL without building a URL object: the hot path runs this on every request. */
function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start === -1) return "/";
  const query = url.indexOf("?", start);
  return query === -1 ? url.slice(start) : url.slice(start, query);
}

/**
 * Runs the request guard before routing, for every route on every port: refusals go out in the caller's dialect
 * with the right status; an allowed cross-origin caller gets its CORS headers; a preflight is answered here.
 */
export function requestGuardPlugin(guard: RequestGuard, requestIds: RequestIds) {
  return new Elysia({ name: "request-guard" }).onRequest(({ request, server, set }) => {
    const path = pathOf(request.url);
    const verdict = guard.check(request, path, () => server?.requestIP(request)?.address);
    if (verdict.preflight) return new Response(null, { status: verdict.cors ? 204 : 403, headers: verdict.cors });
    if (verdict.error) {
      const headers: Record<string, string> = { "content-type": "application/json", "x-request-id": requestIds.idFor(request), ...verdict.cors };
      if (verdict.error.retryAfter !== undefined) headers["retry-after"] = String(verdict.error.retryAfter);
      if (verdict.error.status === 401) headers["www-authenticate"] = 'Bearer realm="copilot-relay"';
      return new Response(JSON.stringify(errorBodyFor(path)(verdict.error)), { status: verdict.error.status, headers });
    }
    if (verdict.keyName) requestIds.setKeyName(request, verdict.keyName);
    if (verdict.cors) Object.assign(set.headers, verdict.cors);
  });
}
