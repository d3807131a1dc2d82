import { Elysia } from "elysia";
import { dialectErrors } from "./plugins/dialect-errors.ts";
import { requestGuardPlugin } from "./plugins/guard.ts";
import { adminRoutes } from "./routes/admin.ts";
import { createRequestIds } from "./plugins/request-id.ts";
import { openAIErrorBody } from "./protocols/openai-chat/index.ts";
import { anthropicRoutes } from "./routes/anthropic.ts";
import { dashboardRoutes } from "./routes/dashboard.ts";
import { healthRoutes } from "./routes/health.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { statsRoutes } from "./routes/stats.ts";
import { usageRoutes } from "./routes/usage.ts";
import { ollamaRoutes } from "./routes/ollama.ts";
import { openAIRoutes } from "./routes/openai.ts";
import { openAIResponsesRoutes } from "./routes/openai-responses.ts";
import type { Services } from "./services/create-services.ts";

/** Assembles the HTTP surface from services; no listen() here, so tests and the CLI share it. */
export function createApp(services: Services) {
  const requestIds = createRequestIds();
  return (
    new Elysia({ name: "copilot-relay" })
      // First: every request passes the guard (Host, Origin, body size, API key) before any route.
      .use(requestGuardPlugin(services.guard, requestIds))
      .use(healthRoutes(services, requestIds))
      .use(adminRoutes(services, requestIds))
      .use(usageRoutes(services, requestIds))
      .use(metricsRoutes(services, requestIds))
      .use(statsRoutes(services, requestIds))
      .use(openAIRoutes(services, requestIds))
      .use(openAIResponsesRoutes(services, requestIds))
      .use(anthropicRoutes(services, requestIds))
      .use(ollamaRoutes(services, requestIds))
      .use(dashboardRoutes())
      // Last, so it only catches what no dialect's own handler rendered (unknown routes).
      .use(dialectErrors("fallback", openAIErrorBody, services.logger, requestIds))
  );
}

export type App = ReturnType<typeof createApp>;
