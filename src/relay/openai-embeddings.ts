import { createValidator, parseJsonBody } from "../core/validate.ts";
import { RelayError } from "../core/relay-error.ts";
import { type EmbeddingRequest, EmbeddingRequestSchema, usageFromTail } from "../protocols/openai-chat/index.ts";
import { supportsEndpoint } from "../providers/copilot/model.ts";
import { findModel } from "./find-model.ts";
import type { RelayDeps, RelayInput } from "./relay-deps.ts";
import { requestRecord } from "./request-record.ts";
import { passThrough } from "./respond.ts";

const validate = createValidator<EmbeddingRequest>(EmbeddingRequestSchema);
const isEmbeddingModel = (model: { capabilities?: { type?: string } }) => model.capabilities?.type === "embeddings";

/** POST /v1/embeddings: validated, model resolved, body forwarded, answer relayed. */
export async function relayEmbeddings(deps: RelayDeps, input: RelayInput): Promise<Response> {
  const body = validate(parseJsonBody(input.body));
  const model = await findModel(deps, body.model, isEmbeddingModel);
  if (!isEmbeddingModel(model) && !supportsEndpoint(model, "/embeddings")) {
    throw new RelayError("invalid_request", `The model '${model.id}' is not an embeddings model.`, { code: "unsupported_api_for_model", param: "model" });
  }
  const record = requestRecord(deps, input, { model, initiator: "user", stream: false, upstream: "/embeddings" });
  const edited = body.model !== model.id;
  if (edited) body.model = model.id;
  const upstream = await deps.copilot.send({
    path: "/embeddings",
    body: edited ? JSON.stringify(body) : input.body,
    requestId: input.requestId,
    initiator: "user",
    signal: input.signal,
  });
  return passThrough(upstream, { requestId: input.requestId, stream: false, record, usage: (tail) => usageFromTail(tail) });
}
