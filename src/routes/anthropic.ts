import { Elysia } from "elysia";
import { dialectErrors } from "../plugins/dialect-errors.ts";
import { jsonResponse, type RequestIds } from "../plugins/request-id.ts";
import { anthropicErrorBody, anthropicMessagesDialect } from "../protocols/anthropic-messages/index.ts";
import { countAnthropicTokens } from "../relay/anthropic-count-tokens.ts";
import type { RelayDeps } from "../relay/relay-deps.ts";
import { relayRequest } from "../relay/relay-request.ts";
import { readBody } from "./read-body.ts";
import { relayInput } from "./relay-input.ts";

/**
 * Anthropic surface. Query strings such as `?beta=true` (Claude Code) are accepted as they are; client auth may come
 * as `x-api-key` or `Authorization: Bearer` (checking keys is the traffic-control issue's).
 */
export function anthropicRoutes(deps: RelayDeps, requestIds: RequestIds) {
  const app = new Elysia().use(dialectErrors("anthropic", anthropicErrorBody, deps.logger, requestIds));
  for (const prefix of ["/v1", ""]) {
    app
      .post(`${prefix}/messages`, async ({ request }) =>
        relayRequest(deps, anthropicMessagesDialect, await relayInput(deps, request, requestIds, `${prefix}/messages`)),
      )
      .post(`${prefix}/messages/count_tokens`, async ({ request }) =>
        jsonResponse(await countAnthropicTokens(deps, await readBody(request, deps.config.maxBodySize)), requestIds.idFor(request)),
      );
  }
  return app;
}
