import { Elysia } from "elysia";
import { dialectErrors } from "../plugins/dialect-errors.ts";
import { jsonResponse, type RequestIds } from "../plugins/request-id.ts";
import { openAIErrorBody } from "../protocols/openai-chat/index.ts";
import { relayChatCompletions } from "../relay/openai-chat-completions.ts";
import { relayEmbeddings } from "../relay/openai-embeddings.ts";
import { getModel, listModels } from "../relay/openai-models.ts";
import type { RelayDeps } from "../relay/relay-deps.ts";

/** OpenAI surface, with and without the /v1 prefix (clients differ). Handlers pass plain values to the relay. */
export function openAIRoutes(deps: RelayDeps, requestIds: RequestIds) {
  const app = new Elysia().use(dialectErrors("openai", openAIErrorBody, deps.logger, requestIds));
  for (const prefix of ["/v1", ""]) {
    app
      .post(`${prefix}/chat/completions`, async ({ request }) =>
        relayChatCompletions(deps, { body: await request.text(), signal: request.signal, requestId: requestIds.idFor(request), route: `${prefix}/chat/completions` }),
      )
      .post(`${prefix}/embeddings`, async ({ request }) =>
        relayEmbeddings(deps, { body: await request.text(), signal: request.signal, requestId: requestIds.idFor(request), route: `${prefix}/embeddings` }),
      )
      .get(`${prefix}/models`, async ({ request }) => jsonResponse(await listModels(deps), requestIds.idFor(request)))
      .get(`${prefix}/models/:id`, async ({ request, params }) => jsonResponse(await getModel(deps, decodeURIComponent(params.id)), requestIds.idFor(request)));
  }
  return app;
}
