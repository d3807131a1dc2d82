import { Elysia } from "elysia";
import { createValidator, parseJsonBody } from "../core/validate.ts";
import { dialectErrors } from "../plugins/dialect-errors.ts";
import { jsonResponse, type RequestIds } from "../plugins/request-id.ts";
import {
  ollamaChatDialect,
  ollamaErrorBody,
  ollamaGenerateDialect,
  type OllamaShowRequest,
  OllamaShowRequestSchema,
  ollamaShowModelName,
  ollamaVersion,
} from "../protocols/ollama/index.ts";
import { relayOllamaEmbed, relayOllamaEmbeddings } from "../relay/ollama-embed.ts";
import { ollamaRunning, ollamaShowModel, ollamaTags } from "../relay/ollama-models.ts";
import type { RelayDeps } from "../relay/relay-deps.ts";
import { relayRequest } from "../relay/relay-request.ts";
import { dashboardRedirect, wantsDashboard } from "./dashboard.ts";
import { readBody } from "./read-body.ts";
import { relayInput } from "./relay-input.ts";

const validateShow = createValidator<OllamaShowRequest>(OllamaShowRequestSchema);
const RUNNING = "Ollama is running";

/**
 * Ollama's API (PROTOCOL.md §9) on the main port and, with --ollama-port, on a second one (11434 for tools that
 * assume Ollama's default). JetBrains AI Assistant and Open WebUI register models through /api/tags + /api/show.
 */
export function ollamaRoutes(deps: RelayDeps, requestIds: RequestIds) {
  const id = (request: Request) => requestIds.idFor(request);
  return new Elysia()
    .use(dialectErrors("ollama", ollamaErrorBody, deps.logger, requestIds))
    // A browser is sent to the dashboard; Ollama clients and curl keep the banner they probe for.
    .get("/", ({ request }) =>
      wantsDashboard(request.headers.get("accept")) ? dashboardRedirect() : new Response(RUNNING, { headers: { "content-type": "text/plain; charset=utf-8" } }),
    )
    .head("/", () => new Response(null, { headers: { "content-type": "text/plain; charset=utf-8", "content-length": String(RUNNING.length) } }))
    .get("/api/version", ({ request }) => jsonResponse(ollamaVersion(), id(request)))
    .get("/api/tags", async ({ request }) => jsonResponse(await ollamaTags(deps), id(request)))
    .get("/api/ps", async ({ request }) => jsonResponse(await ollamaRunning(deps), id(request)))
    .post("/api/show", async ({ request }) => {
      const body = validateShow(parseJsonBody(await readBody(request, deps.config.maxBodySize)));
      return jsonResponse(await ollamaShowModel(deps, ollamaShowModelName(body)), id(request));
    })
    .post("/api/chat", async ({ request }) => relayRequest(deps, ollamaChatDialect, await relayInput(deps, request, requestIds, "/api/chat")))
    .post("/api/generate", async ({ request }) => relayRequest(deps, ollamaGenerateDialect, await relayInput(deps, request, requestIds, "/api/generate")))
    .post("/api/embed", async ({ request }) => jsonResponse(await relayOllamaEmbed(deps, await relayInput(deps, request, requestIds, "/api/embed")), id(request)))
    .post("/api/embeddings", async ({ request }) =>
      jsonResponse(await relayOllamaEmbeddings(deps, await relayInput(deps, request, requestIds, "/api/embeddings")), id(request)),
    );
}
