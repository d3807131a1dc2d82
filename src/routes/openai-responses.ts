import { Elysia } from "elysia";
import { dialectErrors } from "../plugins/dialect-errors.ts";
import type { RequestIds } from "../plugins/request-id.ts";
import { openAIResponsesDialect } from "../protocols/openai-responses/index.ts";
import type { RelayDeps } from "../relay/relay-deps.ts";
import { relayRequest } from "../relay/relay-request.ts";
import { relayInput } from "./relay-input.ts";

/** OpenAI Responses API (Codex CLI, the Agents SDK, the Vercel AI SDK's default OpenAI provider). */
export function openAIResponsesRoutes(deps: RelayDeps, requestIds: RequestIds) {
  const app = new Elysia().use(dialectErrors("openai-responses", openAIResponsesDialect.errorBody, deps.logger, requestIds));
  for (const route of ["/v1/responses", "/responses"]) {
    app.post(route, async ({ request }) => relayRequest(deps, openAIResponsesDialect, await relayInput(deps, request, requestIds, route)));
  }
  return app;
}
