import { RelayError } from "../core/relay-error.ts";
import { parseJsonBody } from "../core/validate.ts";
import { redactBody, redactHeaders } from "../services/control/index.ts";
import type { Dialect } from "../protocols/dialect.ts";
import { dialectRegistry } from "../protocols/registry.ts";
import type { CopilotModel } from "../providers/copilot/model.ts";
import { dispatch } from "./dispatch.ts";
import { candidateModels } from "./candidate-models.ts";
import { findModel, knownModel } from "./find-model.ts";
import { pickWire } from "./pick-wire.ts";
import { planPassThrough } from "./plan-pass-through.ts";
import { type Plan, type PlanInput } from "./plan.ts";
import type { RelayDeps, RelayInput } from "./relay-deps.ts";
import { requestRecord } from "./request-record.ts";
import { planTranslation } from "./translate.ts";

const isChatModel = (model: CopilotModel) => model.capabilities?.type !== "embeddings";

/**
 * The one relay pipeline every dialect's route calls: parse once → resolve the model → admit (rate limit, manual
 * approval) → for the model and then its fallbacks: pick the wire it speaks (the client's own: pass-through; else
 * one the hub can reach: translate) → send with retries → relay the answer. No code here names a dialect or a
 * (dialect, wire) pair.
 */
export async function relayRequest<Request>(deps: RelayDeps, dialect: Dialect<Request>, input: RelayInput): Promise<Response> {
  if (deps.config.verbose) {
    deps.logger.debug(`${input.requestId}: ${input.route} headers ${JSON.stringify(redactHeaders(input.headers))} body ${redactBody(input.body)}`);
  }
  const request = dialect.validate(parseJsonBody(input.body));
  dialect.check?.(request);
  const requested = dialect.model(request);
  const primary = knownModel(deps, requested) ?? (await findModel(deps, requested, isChatModel));
  const local = dialect.answerLocally?.(request, Date.now());
  if (local !== undefined) return Response.json(local, { headers: { "x-request-id": input.requestId } });

  const stream = dialect.stream(request);
  const turn = { ...dialect.turn(request), vision: dialect.hasImage(request) };
  const candidates = candidateModels(deps, primary);
  if (!candidates.some((model) => pickWire(dialect.id, deps.provider.wires(model), dialectRegistry))) {
    const served = primary.supported_endpoints?.join(", ") ?? primary.capabilities?.type ?? "another API";
    throw new RelayError("invalid_request", `The model '${primary.id}' cannot answer this API: it is served on ${served}.`, {
      code: "unsupported_api_for_model",
      param: "model",
    });
  }
  await deps.admission.admit({ dialect: dialect.id, model: primary.id, initiator: turn.initiator, bytes: input.body.length, client: input.client ?? "", route: input.route }, input.signal);

  let failure: RelayError | undefined;
  for (const [index, model] of candidates.entries()) {
    const last = index === candidates.length - 1;
    if (!last && deps.cooldowns.isCooling(model.id)) {
      deps.logger.debug(`${input.requestId}: ${model.id} is cooling down for ${Math.ceil(deps.cooldowns.remainingMs(model.id) / 1000)} s; trying the next model`);
      continue;
    }
    const wire = pickWire(dialect.id, deps.provider.wires(model), dialectRegistry);
    if (!wire) continue;
    const planInput: PlanInput<Request> = { dialect, request, input, model, wire, stream, turn, answeredFor: model === primary ? requested : model.id };
    const plan: Plan = wire === dialect.id ? planPassThrough(deps, planInput) : planTranslation(deps, planInput);
    const record = (retries: number) =>
      requestRecord(deps, input, { model, initiator: turn.initiator, stream, upstream: plan.upstreamLabel, dialect: dialect.id, retries });
    try {
      const sent = await dispatch(deps.dispatch, plan.call, { stream, hasFallback: !last });
      if (model !== primary) deps.logger.info(`${input.requestId}: ${primary.id} unavailable, answered by the fallback ${model.id}`);
      return await plan.respond(sent.response, { record: record(sent.retries), release: sent.release });
    } catch (error) {
      if (!(error instanceof RelayError) || input.signal.aborted) throw error;
      record(error.retries)(error.status, "error");
      failure = error;
      // Only what another model might fix moves on to a fallback: rate limits, upstream failures, timeouts.
      if (!(error.status === 429 || error.status >= 500)) throw error;
    }
  }
  throw failure ?? new RelayError("unavailable", `Every model for '${requested}' is cooling down after rate limits; try again shortly.`, { code: "all_models_cooling" });
}
