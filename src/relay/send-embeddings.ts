import { RelayError } from "../core/relay-error.ts";
import type { EmbeddingRequest } from "../protocols/openai-chat/index.ts";
import type { CopilotModel } from "../providers/copilot/model.ts";
import { supportsEndpoint } from "../providers/copilot/model.ts";
import { findModel } from "./find-model.ts";
import type { RelayDeps, RelayInput } from "./relay-deps.ts";
import { type RecordRequest, requestRecord } from "./request-record.ts";

const isEmbeddingModel = (model: { capabilities?: { type?: string } }) => model.capabilities?.type === "embeddings";

/**
 * An OpenAI-shaped embeddings call to the upstream, for every dialect that asks for embeddings (OpenAI's
 * /v1/embeddings, Ollama's /api/embed): resolves an embeddings model and sends the body, the client's bytes when
 * `original` is given and nothing needed editing.
 */
export async function sendEmbeddings(
  deps: RelayDeps,
  input: RelayInput,
  body: EmbeddingRequest,
  dialect: string,
  original?: string,
): Promise<{ upstream: Response; model: CopilotModel; record: RecordRequest }> {
  const model = await findModel(deps, body.model, isEmbeddingModel);
  if (!isEmbeddingModel(model) && !supportsEndpoint(model, "/embeddings")) {
    throw new RelayError("invalid_request", `The model '${model.id}' is not an embeddings model.`, { code: "unsupported_api_for_model", param: "model" });
  }
  const record = requestRecord(deps, input, { model, initiator: "user", stream: false, upstream: "/embeddings", dialect });
  const edited = body.model !== model.id || original === undefined;
  body.model = model.id;
  const upstream = await deps.copilot.send({
    path: "/embeddings",
    body: edited ? JSON.stringify(body) : (original as string),
    requestId: input.requestId,
    initiator: "user",
    signal: input.signal,
  });
  return { upstream, model, record };
}
