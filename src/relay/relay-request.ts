import { RelayError } from "../core/relay-error.ts";
import { parseJsonBody } from "../core/validate.ts";
import type { Dialect } from "../protocols/dialect.ts";
import { dialectRegistry } from "../protocols/registry.ts";
import { copilotEndpoint } from "../providers/copilot/copilot-provider.ts";
import type { CopilotModel } from "../providers/copilot/model.ts";
import { findModel, knownModel } from "./find-model.ts";
import { pickWire } from "./pick-wire.ts";
import type { RelayDeps, RelayInput } from "./relay-deps.ts";
import { requestRecord } from "./request-record.ts";
import { passThrough } from "./respond.ts";
import { translate } from "./translate.ts";

const isChatModel = (model: CopilotModel) => model.capabilities?.type !== "embeddings";

/**
 * The one relay pipeline every dialect's route calls: parse once → resolve the model → pick the wire the model
 * speaks (the client's own: pass-through; else one the hub can reach: translate) → send → relay the answer.
 * No code here names a dialect or a (dialect, wire) pair.
 */
export async function relayRequest<Request>(deps: RelayDeps, dialect: Dialect<Request>, input: RelayInput): Promise<Response> {
  const request = dialect.validate(parseJsonBody(input.body));
  dialect.check?.(request);
  const requested = dialect.model(request);
  const model = knownModel(deps, requested) ?? (await findModel(deps, requested, isChatModel));
  const local = dialect.answerLocally?.(request, Date.now());
  if (local !== undefined) return Response.json(local, { headers: { "x-request-id": input.requestId } });
  const { provider, logger } = deps;
  const wire = pickWire(dialect.id, provider.wires(model), dialectRegistry);
  if (!wire) {
    const served = model.supported_endpoints?.join(", ") ?? model.capabilities?.type ?? "another API";
    throw new RelayError("invalid_request", `The model '${model.id}' cannot answer this API: it is served on ${served}.`, {
      code: "unsupported_api_for_model",
      param: "model",
    });
  }
  const stream = dialect.stream(request);
  const turn = { ...dialect.turn(request), vision: dialect.hasImage(request) };
  const passing = wire === dialect.id;
  const record = requestRecord(deps, input, {
    model,
    initiator: turn.initiator,
    stream,
    upstream: passing ? copilotEndpoint(wire) : `${copilotEndpoint(wire)} (translated)`,
    dialect: dialect.id,
  });
  const maxOutput = model.capabilities?.limits?.max_output_tokens;

  if (!passing) return translate(deps, { dialect, request, input, model, wire, stream, turn, record, maxOutput });

  let edited = false;
  if (requested !== model.id) {
    dialect.setModel(request, model.id);
    edited = true;
  }
  if (maxOutput !== undefined) {
    const lowered = dialect.limitOutput(request, maxOutput);
    if (lowered !== undefined) {
      logger.debug(`${input.requestId}: output limit ${lowered} lowered to ${model.id}'s maximum of ${maxOutput}`);
      edited = true;
    }
  }
  const notes = provider.prepare(wire, request as Record<string, unknown>, model);
  if (notes.length > 0) {
    logger.debug(`${input.requestId}: edited for ${provider.id}: ${notes.join("; ")}`);
    edited = true;
  }
  const upstream = await provider.send({
    wire,
    body: edited ? JSON.stringify(request) : input.body,
    model,
    requestId: input.requestId,
    ...turn,
    signal: input.signal,
    clientHeaders: input.headers,
  });
  return passThrough(upstream, {
    requestId: input.requestId,
    stream,
    record,
    usage: dialect.usageFromText,
    streamErrorEvent: dialect.streamErrorEvent,
    dropDone: !dialect.doneSentinel,
  });
}
