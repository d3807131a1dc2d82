import { createValidator, parseJsonBody } from "../core/validate.ts";
import {
  decodeOllamaEmbed,
  encodeOllamaEmbed,
  encodeOllamaEmbeddings,
  type OllamaEmbeddingsRequest,
  OllamaEmbeddingsRequestSchema,
  type OllamaEmbedRequest,
  OllamaEmbedRequestSchema,
} from "../protocols/ollama/index.ts";
import { upstreamError } from "../providers/upstream-error.ts";
import type { RelayDeps, RelayInput } from "./relay-deps.ts";
import { sendEmbeddings } from "./send-embeddings.ts";

const validateEmbed = createValidator<OllamaEmbedRequest>(OllamaEmbedRequestSchema);
const validateEmbeddings = createValidator<OllamaEmbeddingsRequest>(OllamaEmbeddingsRequestSchema);

async function embed(deps: RelayDeps, input: RelayInput, body: { model: string; input: string | string[] }) {
  const { upstream, record } = await sendEmbeddings(deps, input, { ...body }, "ollama-embed");
  if (!upstream.ok) {
    const error = await upstreamError(upstream);
    record(error.status, "error");
    throw error;
  }
  const json: unknown = await upstream.json();
  record(upstream.status, "done");
  return json;
}

/** POST /api/embed: `{model, input}` → `{model, embeddings}`, through the upstream's OpenAI embeddings. */
export async function relayOllamaEmbed(deps: RelayDeps, input: RelayInput) {
  const request = validateEmbed(parseJsonBody(input.body));
  const json = await embed(deps, input, decodeOllamaEmbed(request));
  return encodeOllamaEmbed(json, request.model, { startedAt: input.receivedAt ?? Date.now(), now: Date.now() });
}

/** POST /api/embeddings (Ollama's older API): `{model, prompt}` → `{embedding}`. */
export async function relayOllamaEmbeddings(deps: RelayDeps, input: RelayInput) {
  const request = validateEmbeddings(parseJsonBody(input.body));
  return encodeOllamaEmbeddings(await embed(deps, input, { model: request.model, input: request.prompt }));
}
