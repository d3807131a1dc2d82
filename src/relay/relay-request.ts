import { RelayError } from "../core/relay-error.ts";
import { parseJsonBody } from "../core/validate.ts";
import { cooldownName, redactBody, redactHeaders } from "../services/control/index.ts";
import { queued, type RequestTiming, serverTimingHeader, startTiming } from "../services/metrics/server-timing.ts";
import type { Dialect } from "../protocols/dialect.ts";
import { dialectRegistry } from "../protocols/registry.ts";
import type { Initiator } from "../core/hub/index.ts";
import type { ModelCard } from "../providers/provider.ts";
import { dispatch } from "./dispatch.ts";
import { pickWire } from "./pick-wire.ts";
import type { Target } from "./routing.ts";
import { planPassThrough } from "./plan-pass-through.ts";
import { type Plan, type PlanInput } from "./plan.ts";
import type { RelayDeps, RelayInput } from "./relay-deps.ts";
import { requestRecord } from "./request-record.ts";
import { planTranslation } from "./translate.ts";

const isChatModel = (model: ModelCard) => model.capabilities?.type !== "embeddings";

/**
 * The one relay pipeline every dialect's route calls: parse once → resolve the model → admit (rate limit, manual
 * approval) → for the model and then its fallbacks: pick the wire it speaks (the client's own: pass-through; else
 * one the hub can reach: translate) → send with retries → relay the answer. No code here names a dialect or a
 * (dialect, wire) pair.
 */
export async function relayRequest<Request>(deps: RelayDeps, dialect: Dialect<Request>, input: RelayInput): Promise<Response> {
  const timing = startTiming();
  if (deps.config.verbose) {
    deps.logger.debug(`${input.requestId}: ${input.route} headers ${JSON.stringify(redactHeaders(input.headers))} body ${redactBody(input.body)}`);
  }
  const request = dialect.validate(parseJsonBody(input.body));
  dialect.check?.(request);
  const requested = dialect.model(request);
  const routing = deps.routing();
  const target = routing.known(requested) ?? (await routing.find(requested, isChatModel));
  const primary = target.model;
  const local = dialect.answerLocally?.(request, Date.now());
  if (local !== undefined) return Response.json(local, { headers: { "x-request-id": input.requestId, "server-timing": serverTimingHeader(timing) } });

  const stream = dialect.stream(request);
  const turn = { ...dialect.turn(request), vision: dialect.hasImage(request) };
  const candidates = routing.candidates(target);
  if (!candidates.some(({ provider, model }) => pickWire(dialect.id, provider.wires(model), dialectRegistry))) {
    const served = primary.supported_endpoints?.join(", ") ?? primary.capabilities?.type ?? "another API";
    throw new RelayError("invalid_request", `The model '${primary.id}' cannot answer this API: it is served on ${served}.`, {
      code: "unsupported_api_for_model",
      param: "model",
    });
  }
  const summary = { dialect: dialect.id, model: primary.id, initiator: turn.initiator, bytes: input.body.length, client: input.client ?? "", route: input.route };
  const plan = ({ provider, model }: Target, request: Request): Plan | undefined => {
    const wire = pickWire(dialect.id, provider.wires(model), dialectRegistry);
    if (!wire) return undefined;
    const planInput: PlanInput<Request> = { dialect, request, input, model, provider, wire, stream, turn, answeredFor: model === primary ? requested : model.id };
    return wire === dialect.id ? planPassThrough(deps, planInput) : planTranslation(deps, planInput);
  };
  // The usual case, one model: planned before any await, so the parsed body is garbage while the relay waits.
  if (candidates.length === 1) {
    const only = plan(target, request) as Plan;
    const admitted = deps.admission.admit(summary, input.signal);
    if (admitted) await admit(deps, admitted, timing, { input, model: primary, stream, turn, dialect: dialect.id, upstream: only.upstreamLabel, requestedModel: requested });
    return send(deps, only, { model: primary, input, stream, turn, dialect: dialect.id, last: true, requestedModel: requested, timing });
  }
  const admitted = deps.admission.admit(summary, input.signal);
  if (admitted) await admit(deps, admitted, timing, { input, model: primary, stream, turn, dialect: dialect.id, upstream: "(not sent)", requestedModel: requested });
  let failure: RelayError | undefined;
  // A plan edits the parsed request in place (the model id, the output limit, what its provider rejects): a fallback
  // starts again from the client's own text, so nothing planned for one provider leaks into another's call.
  let planned = 0;
  for (const [index, candidate] of candidates.entries()) {
    const { model } = candidate;
    const last = index === candidates.length - 1;
    const name = cooldownName(candidate.provider.id, model.id);
    if (!last && deps.cooldowns.isCooling(name)) {
      deps.logger.debug(`${input.requestId}: ${name} is cooling down for ${Math.ceil(deps.cooldowns.remainingMs(name) / 1000)} s; trying the next model`);
      continue;
    }
    const call = plan(candidate, planned++ === 0 ? request : dialect.validate(parseJsonBody(input.body)));
    if (!call) continue;
    try {
      const response = await send(deps, call, { model, input, stream, turn, dialect: dialect.id, last, requestedModel: requested, timing });
      if (index > 0) deps.logger.info(`${input.requestId}: ${cooldownName(target.provider.id, primary.id)} unavailable, answered by the fallback ${name}`);
      return response;
    } catch (error) {
      if (!(error instanceof RelayError) || input.signal.aborted) throw error;
      failure = error;
      // Only what another model might fix moves on to a fallback: rate limits, upstream failures, timeouts.
      if (!(error.status === 429 || error.status >= 500)) throw error;
    }
  }
  throw failure ?? new RelayError("unavailable", `Every model for '${requested}' is cooling down after rate limits; try again shortly.`, { code: "all_models_cooling" });
}

/** Sends one plan with the dispatch policy and relays its answer; a failure is recorded before it is thrown. */
async function send(
  deps: RelayDeps,
  plan: Plan,
  request: {
    model: ModelCard;
    input: RelayInput;
    stream: boolean;
    turn: { initiator: Initiator };
    dialect: string;
    last: boolean;
    requestedModel: string;
    timing: RequestTiming;
  },
): Promise<Response> {
  const { model, input, stream, timing } = request;
  const record = (retries: number, outcome: { errorCode?: string; timing?: RequestTiming }) =>
    requestRecord(deps, input, {
      model,
      initiator: request.turn.initiator,
      stream,
      upstream: plan.upstreamLabel,
      dialect: request.dialect,
      retries,
      requestedModel: request.requestedModel,
      errorCode: outcome.errorCode,
      timing: outcome.timing,
    });
  try {
    const sent = await dispatch(deps.dispatch, plan.provider, plan.call, { stream, hasFallback: !request.last });
    timing.upstreamMs = sent.upstreamMs;
    // The plan's answer carries Server-Timing, set while its headers are built.
    return await plan.respond(sent.response, { record: record(sent.retries, { timing }), release: sent.release, timing });
  } catch (error) {
    if (error instanceof RelayError && !input.signal.aborted && !error.recorded) {
      record(error.retries, { errorCode: error.code ?? error.kind })(error.status, "error");
      error.recorded = true;
    }
    throw error;
  }
}

/** Waits for admission; a request refused there (rate limit, manual rejection) still gets its record. */
async function admit(
  deps: RelayDeps,
  admitted: Promise<void>,
  timing: Parameters<typeof queued>[1],
  request: { input: RelayInput; model: ModelCard; stream: boolean; turn: { initiator: Initiator }; dialect: string; upstream: string; requestedModel: string },
): Promise<void> {
  try {
    await queued(admitted, timing);
  } catch (error) {
    if (error instanceof RelayError && !request.input.signal.aborted) {
      requestRecord(deps, request.input, {
        model: request.model,
        initiator: request.turn.initiator,
        stream: request.stream,
        upstream: "(refused before sending)",
        dialect: request.dialect,
        requestedModel: request.requestedModel,
        errorCode: error.code ?? error.kind,
      })(error.status, "error");
    }
    throw error;
  }
}
