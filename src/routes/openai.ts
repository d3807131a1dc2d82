import { Elysia } from "elysia";
import { dialectErrors } from "../plugins/dialect-errors.ts";
import { jsonResponse, type RequestIds } from "../plugins/request-id.ts";
import { openAIChatDialect, openAIErrorBody } from "../protocols/openai-chat/index.ts";
import { relayEmbeddings } from "../relay/openai-embeddings.ts";
import { getModel, listModels } from "../relay/openai-models.ts";
import type { RelayDeps } from "../relay/relay-deps.ts";
import { relayRequest } from "../relay/relay-request.ts";
import { relayInput } from "./relay-input.ts";

/** OpenAI surface, with and without the /v1 prefix (clients differ). Handlers pass plain values to the relay. */
export function openAIRoutes(deps: RelayDeps, requestIds: RequestIds) {
  const app = new Elysia().use(dialectErrors("openai", openAIErrorBody, deps.logger, requestIds));
  for (const prefix of ["/v1", ""]) {
    app
      .post(`${prefix}/chat/completions`, async ({ request }) =>
        relayRequest(deps, openAIChatDialect, await relayInput(deps, request, requestIds, `${prefix}/chat/completions`)),
      )
      .post(`${prefix}/embeddings`, async ({ request }) => relayEmbeddings(deps, await relayInput(deps, request, requestIds, `${prefix}/embeddings`)))
      .get(`${prefix}/models`, async ({ request }) => jsonResponse(await listModels(deps), requestIds.idFor(request)))
      .get(`${prefix}/models/:id`, async ({ request, params }) => jsonResponse(await getModel(deps, decodeURIComponent(params.id)), requestIds.idFor(request)));
  }
  return app;
}
