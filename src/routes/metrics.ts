import { Elysia } from "elysia";
import type { RequestIds } from "../plugins/request-id.ts";
import type { Services } from "../services/create-services.ts";
import { PROMETHEUS_CONTENT_TYPE } from "../services/metrics/prometheus-text.ts";

type MetricServices = Pick<
  Services,
  "metrics" | "readiness" | "upstreamSlots" | "rateLimiter" | "cooldowns" | "watchdog" | "tokens" | "approvals" | "history" | "clock"
>;

/** GET /metrics in Prometheus text format; behind the API key like every route when keys are configured. */
export function metricsRoutes(services: MetricServices, requestIds: RequestIds) {
  return new Elysia().get(
    "/metrics",
    ({ request }) =>
      new Response(services.metrics.render(services), {
        headers: { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store", "x-request-id": requestIds.idFor(request) },
      }),
  );
}
