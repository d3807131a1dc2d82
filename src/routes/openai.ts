import { Elysia } from "elysia";
import { openAIErrorBody } from "../protocols/openai-chat/index.ts";
import { requestIdPlugin } from "../plugins/request-id.ts";
import { dialectErrors } from "../plugins/dialect-errors.ts";
import { relayChatCompletions } from "../relay/openai-chat-completions.ts";
import { relayEmbeddings } from "../relay/openai-embeddings.ts";
import { getModel, listModels } from "../relay/openai-models.ts";
import type { RelayDeps } from "../relay/relay-deps.ts";

/** OpenAI surface, with and without the /v1 prefix (clients differ). Handlers pass plain values to the relay. */
export function openAIRoutes(deps: RelayDeps) {
  const app = new Elysia().use(requestIdPlugin()).use(dialectErrors("openai", openAIErrorBody, deps.logger));
  for (const prefix of ["/v1", ""]) {
    app
      .post(`${prefix}/chat/completions`, async ({ request, requestId }) =>
        relayChatCompletions(deps, { body: await request.text(), signal: request.signal, requestId, route: `${prefix}/chat/completions` }),
      )
      .post(`${prefix}/embeddings`, async ({ request, requestId }) =>
        relayEmbeddings(deps, { body: await request.text(), signal: request.signal, requestId, route: `${prefix}/embeddings` }),
      )
      .get(`${prefix}/models`, () => listModels(deps))
      .get(`${prefix}/models/:id`, ({ params }) => getModel(deps, decodeURIComponent(params.id)));
  }
  return app;
}
