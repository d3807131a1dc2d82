import { Elysia } from "elysia";
import { dialectErrors } from "../plugins/dialect-errors.ts";
import { jsonResponse, type RequestIds } from "../plugins/request-id.ts";
import { openAIErrorBody } from "../protocols/openai-chat/index.ts";
import type { Services } from "../services/create-services.ts";

/**
 * GET /usage: GitHub's Copilot quota answer passed through as copilot-api serves it (copilot_plan, quota_reset_date,
 * quota_snapshots …), so existing usage viewers keep working; cached for --usage-cache-seconds. GitHub's refusals
 * keep their status, in the OpenAI error shape.
 */
export function usageRoutes(services: Pick<Services, "quota" | "logger">, requestIds: RequestIds) {
  return new Elysia()
    .use(dialectErrors("usage", openAIErrorBody, services.logger, requestIds))
    .get("/usage", async ({ request }) => jsonResponse(await services.quota.get(), requestIds.idFor(request)));
}
