import { Elysia } from "elysia";
import { RelayError } from "../core/relay-error.ts";
import { dialectErrors } from "../plugins/dialect-errors.ts";
import { jsonResponse, type RequestIds } from "../plugins/request-id.ts";
import { openAIErrorBody } from "../protocols/openai-chat/index.ts";
import type { Services } from "../services/create-services.ts";

/**
 * Operator endpoints (issue 8): the approval queue the dashboard drives, cooldown reset, and an on-demand Copilot
 * token refresh (which says when the new token expires, never the token). The request guard lets them through
 * only with an API key when keys are configured, and only from loopback otherwise.
 */
export function adminRoutes(services: Pick<Services, "approvals" | "cooldowns" | "tokens" | "logger">, requestIds: RequestIds) {
  const approvals = () => {
    if (!services.approvals) throw new RelayError("not_found", "Manual approval is off: start the relay with --manual.", { code: "manual_off" });
    return services.approvals;
  };
  const decide = (id: string, decision: "approve" | "reject", request: Request) => {
    const queue = approvals();
    if (!(decision === "approve" ? queue.approve(id) : queue.reject(id))) {
      throw new RelayError("not_found", `No pending approval with id '${id}'.`, { code: "approval_not_found" });
    }
    services.logger.info(`Request ${id} ${decision === "approve" ? "approved" : "rejected"} through the admin API`);
    return jsonResponse({ id, decision }, requestIds.idFor(request));
  };
  return new Elysia()
    .use(dialectErrors("admin", openAIErrorBody, services.logger, requestIds))
    .get("/admin/approvals", ({ request }) => jsonResponse({ pending: approvals().pending() }, requestIds.idFor(request)))
    .post("/admin/approvals/:id/approve", ({ request, params }) => decide(params.id, "approve", request))
    .post("/admin/approvals/:id/reject", ({ request, params }) => decide(params.id, "reject", request))
    .post("/admin/cooldowns/reset", ({ request }) => {
      const cleared = services.cooldowns.list().map((entry) => entry.model);
      services.cooldowns.reset();
      services.logger.info(`Cooldowns reset through the admin API${cleared.length ? `: ${cleared.join(", ")}` : ""}`);
      return jsonResponse({ cleared }, requestIds.idFor(request));
    })
    .post("/admin/token/refresh", async ({ request }) => {
      await services.tokens.refresh();
      return jsonResponse({ refreshed: true, expiresAt: new Date(services.tokens.expiresAt()).toISOString() }, requestIds.idFor(request));
    });
}
