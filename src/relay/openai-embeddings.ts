import { createValidator, parseJsonBody } from "../core/validate.ts";
import { type EmbeddingRequest, EmbeddingRequestSchema, usageFromTail } from "../protocols/openai-chat/index.ts";
import type { RelayDeps, RelayInput } from "./relay-deps.ts";
import { passThrough } from "./respond.ts";
import { sendEmbeddings } from "./send-embeddings.ts";

const validate = createValidator<EmbeddingRequest>(EmbeddingRequestSchema);

/** POST /v1/embeddings: validated, model resolved, body forwarded, answer relayed. */
export async function relayEmbeddings(deps: RelayDeps, input: RelayInput): Promise<Response> {
  const body = validate(parseJsonBody(input.body));
  const { upstream, record, model } = await sendEmbeddings(deps, input, body, "openai-embeddings", input.body);
  return passThrough(upstream, { requestId: input.requestId, model: model.id, stream: false, finish: { record, release: () => {} }, usage: (tail) => usageFromTail(tail) });
}
