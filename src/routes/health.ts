import { Elysia } from "elysia";
import { jsonResponse, type RequestIds } from "../plugins/request-id.ts";
import type { Services } from "../services/create-services.ts";
import { VERSION } from "../version.ts";

/** Liveness and readiness for supervisors and load balancers. */
export function healthRoutes(
  services: Pick<Services, "readiness" | "models" | "tokens" | "cooldowns" | "upstreamSlots" | "rateLimiter" | "approvals" | "watchdog" | "routing">,
  requestIds: RequestIds,
) {
  return new Elysia()
    .get("/healthz", ({ request }) => jsonResponse({ status: "ok", version: VERSION }, requestIds.idFor(request)))
    .get("/readyz", ({ request }) => {
      const ready = services.readiness.ready();
      const body = {
        status: ready ? "ready" : "not_ready",
        reason: services.readiness.reason(),
        models: services.models.list().length,
        copilotTokenExpiresAt: services.tokens.expiresAt() ? new Date(services.tokens.expiresAt()).toISOString() : null,
        upstream: { inFlight: services.upstreamSlots.active(), queued: services.upstreamSlots.queued(), openStreams: services.watchdog.size() },
        rateLimit: { queued: services.rateLimiter.queued() },
        approvals: services.approvals ? { pending: services.approvals.pending().length } : null,
        cooldowns: services.cooldowns.list(),
        // Copilot's count is `models`; the others' come from their last listing (refreshed by /v1/models).
        providers: services.routing().listingSummary(),
      };
      return jsonResponse(body, requestIds.idFor(request), ready ? 200 : 503);
    });
}
