import { Elysia } from "elysia";
import { RelayError } from "../core/relay-error.ts";
import { dialectErrors } from "../plugins/dialect-errors.ts";
import { jsonResponse, type RequestIds } from "../plugins/request-id.ts";
import { openAIErrorBody } from "../protocols/openai-chat/index.ts";
import type { Services } from "../services/create-services.ts";

const MAX_DAYS = 3650;

function windowDays(value: string | undefined): number {
  if (value === undefined || value === "") return 30;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new RelayError("invalid_request", `days must be a whole number from 1 to ${MAX_DAYS}, not '${value}'.`, { code: "invalid_days", param: "days" });
  }
  return days;
}

/**
 * GET /admin/stats?days=N (default 30): the dashboard's figures from the request history — today, per day, per
 * model, latency percentiles, error rate and the last 50 requests. Zeros (with `history.enabled: false`) when
 * history is off. Admin rules apply: loopback only without API keys, a key with them.
 */
export function statsRoutes(services: Pick<Services, "history" | "logger">, requestIds: RequestIds) {
  return new Elysia()
    .use(dialectErrors("stats", openAIErrorBody, services.logger, requestIds))
    .get("/admin/stats", ({ request, query }) => jsonResponse(services.history.stats(windowDays(query.days)), requestIds.idFor(request)));
}
