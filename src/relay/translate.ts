import { serverTimingHeader } from "../services/metrics/server-timing.ts";
import type { HubUsage } from "../core/hub/index.ts";
import { RelayError } from "../core/relay-error.ts";
import type { TokenUsage } from "../core/token-usage.ts";
import type { EncodeContext } from "../protocols/dialect.ts";
import { dialectRegistry } from "../protocols/registry.ts";
import { upstreamError } from "../providers/upstream-error.ts";
import { firstByteWatch } from "../services/metrics/first-byte-watch.ts";
import type { Plan, PlanInput } from "./plan.ts";
import { type RelayDeps, watchFor } from "./relay-deps.ts";
import { translateStream } from "./translate-stream.ts";

const tokenUsage = (usage?: Partial<HubUsage>): TokenUsage | undefined =>
  usage && { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0, cachedTokens: usage.cacheReadTokens ?? 0 };

const contentTypes = { sse: "text/event-stream; charset=utf-8", ndjson: "application/x-ndjson" } as const;

/**
 * The translated half of the pipeline: client dialect → hub → the wire the model speaks, and the answer back the
 * same way. Works for any pair of registered dialects; no tokenizer runs (streams that report input tokens early
 * get a byte-length estimate until the upstream's usage arrives). Everything is prepared before the upstream call,
 * so the hub request and the encoded body are garbage by the time the relay waits.
 */
export function planTranslation<Request>(deps: RelayDeps, job: PlanInput<Request>): Plan {
  const { dialect, input, model, wire, stream, provider } = job;
  const { logger } = deps;
  const target = dialectRegistry[wire].wire;
  if (!target) throw new RelayError("internal", `No encoder for the ${wire} wire`);
  const hub = dialect.decodeRequest(job.request);
  hub.model = model.id;
  hub.stream = stream;
  const maxOutput = model.capabilities?.limits?.max_output_tokens;
  if (maxOutput !== undefined && hub.maxOutputTokens !== undefined && hub.maxOutputTokens > maxOutput) {
    logger.debug(`${input.requestId}: output limit ${hub.maxOutputTokens} lowered to ${model.id}'s maximum of ${maxOutput}`);
    hub.maxOutputTokens = maxOutput;
  }
  if (hub.dropped?.length) logger.debug(`${input.requestId}: ${wire} cannot carry, dropped: ${hub.dropped.join("; ")}`);
  const unsent: string[] = [];
  const body = target.encodeRequest(hub, provider.wireOptions(model), unsent);
  if (unsent.length > 0) logger.debug(`${input.requestId}: ${wire} cannot carry, dropped: ${unsent.join("; ")}`);
  const notes = provider.prepare(wire, body, model);
  if (notes.length > 0) logger.debug(`${input.requestId}: edited for ${provider.id}: ${notes.join("; ")}`);
  const context: EncodeContext = {
    requestedModel: job.answeredFor,
    requestId: input.requestId,
    estimatedInputTokens: Math.ceil(input.body.length / 4),
    request: job.request,
    startedAt: input.receivedAt ?? Date.now(),
    now: Date.now,
  };
  return {
    provider,
    upstreamLabel: `${provider.label(wire)} (translated)`,
    call: {
      wire,
      body: JSON.stringify(body),
      model,
      requestId: input.requestId,
      ...job.turn,
      signal: input.signal,
      clientHeaders: input.headers,
    },
    async respond(upstream, { record, release, timing }) {
      if (!upstream.ok) {
        const error = await upstreamError(upstream);
        release();
        record(error.status, "error");
        throw error;
      }
      const headers: Record<string, string> = { "x-request-id": context.requestId, "x-copilot-relay-model": model.id };
      if (!stream) {
        let json: unknown;
        const reading = performance.now();
        try {
          json = await upstream.json();
        } finally {
          release();
        }
        if (timing) timing.upstreamMs = (timing.upstreamMs ?? 0) + performance.now() - reading;
        const result = target.decodeResult(json);
        record(upstream.status, "done", tokenUsage(result.usage));
        if (timing) headers["server-timing"] = serverTimingHeader(timing);
        return Response.json(dialect.encodeResult(result, context), { headers });
      }
      const { status } = upstream;
      if (timing) headers["server-timing"] = serverTimingHeader(timing);
      const firstByte = firstByteWatch(watchFor(deps.watchStream, provider.policy));
      const translated = translateStream(upstream.body ?? new ReadableStream(), {
        framing: target.framing,
        decoder: target.createStreamDecoder(),
        encoder: dialect.createStreamEncoder(context),
        watch: firstByte.watch,
        onEnd: (outcome, usage) => {
          release();
          record(status, outcome, tokenUsage(usage), firstByte.at());
        },
      });
      return new Response(translated, { headers: { ...headers, "content-type": contentTypes[dialect.framing], "cache-control": "no-cache" } });
    },
  };
}
