import { Elysia } from "elysia";
import type { Services } from "../services/create-services.ts";
import { VERSION } from "../version.ts";

/** Liveness and readiness for supervisors and load balancers. */
export function healthRoutes(services: Pick<Services, "readiness" | "models" | "tokens">) {
  return new Elysia()
    .get("/healthz", () => ({ status: "ok", version: VERSION }))
    .get("/readyz", ({ set }) => {
      const ready = services.readiness.ready();
      set.status = ready ? 200 : 503;
      return {
        status: ready ? "ready" : "not_ready",
        reason: services.readiness.reason(),
        models: services.models.list().length,
        copilotTokenExpiresAt: services.tokens.expiresAt() ? new Date(services.tokens.expiresAt()).toISOString() : null,
      };
    });
}
