import { redactBody } from "../services/control/index.ts";
import { type RelayDeps, watchFor } from "./relay-deps.ts";
import type { Plan, PlanInput } from "./plan.ts";
import { passThrough } from "./respond.ts";

/**
 * The client's dialect is one the model speaks: the client's bytes go upstream unless policy must edit them (the
 * model id, an output limit above the model's, what the provider rejects), and the answer comes back untouched.
 */
export function planPassThrough<Request>(deps: RelayDeps, job: PlanInput<Request>): Plan {
  const { dialect, request, input, model, wire, provider } = job;
  const { logger } = deps;
  let edited = false;
  if (dialect.model(request) !== model.id) {
    dialect.setModel(request, model.id);
    edited = true;
  }
  const maxOutput = model.capabilities?.limits?.max_output_tokens;
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
  const { stream } = job;
  return {
    provider,
    upstreamLabel: provider.label(wire),
    call: {
      wire,
      body: edited ? JSON.stringify(request) : input.body,
      model,
      requestId: input.requestId,
      ...job.turn,
      signal: input.signal,
      clientHeaders: input.headers,
    },
    respond: (upstream, finish) =>
      passThrough(upstream, {
        requestId: input.requestId,
        model: model.id,
        stream,
        finish,
        usage: dialect.usageFromText,
        streamErrorEvent: dialect.streamErrorEvent,
        dropDone: !dialect.doneSentinel,
        watch: watchFor(deps.watchStream, provider.policy),
        logBody: deps.config.verbose ? (bytes) => logger.debug(`${input.requestId}: answer ${redactBody(new TextDecoder().decode(bytes))}`) : undefined,
      }),
  };
}
