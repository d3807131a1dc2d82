import type { HubUsage, Initiator } from "../core/hub/index.ts";
import { RelayError } from "../core/relay-error.ts";
import type { TokenUsage } from "../core/token-usage.ts";
import type { Dialect, DialectId, EncodeContext } from "../protocols/dialect.ts";
import { dialectRegistry } from "../protocols/registry.ts";
import type { CopilotModel } from "../providers/copilot/model.ts";
import type { ProviderCall } from "../providers/provider.ts";
import { upstreamError } from "../providers/copilot/upstream-error.ts";
import type { RelayDeps, RelayInput } from "./relay-deps.ts";
import type { RecordRequest } from "./request-record.ts";
import { translateStream } from "./translate-stream.ts";

export interface Translation<Request> {
  dialect: Dialect<Request>;
  request: Request;
  input: RelayInput;
  model: CopilotModel;
  wire: DialectId;
  stream: boolean;
  turn: { initiator: Initiator; interactionType?: string; vision: boolean };
  record: RecordRequest;
  maxOutput: number | undefined;
}

const tokenUsage = (usage?: Partial<HubUsage>): TokenUsage | undefined =>
  usage && { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0, cachedTokens: usage.cacheReadTokens ?? 0 };

const contentTypes = { sse: "text/event-stream; charset=utf-8", ndjson: "application/x-ndjson" } as const;

/**
 * The translated half of the pipeline: client dialect → hub → the wire the model speaks, and the answer back the
 * same way. Works for any pair of registered dialects; no tokenizer runs (streams that report input tokens early
 * get a byte-length estimate until the upstream's usage arrives). Everything is prepared before the upstream call,
 * so the hub request and the encoded body are garbage by the time the relay waits.
 */
export async function translate<Request>(deps: RelayDeps, job: Translation<Request>): Promise<Response> {
  const { call, context, target, dialect, record, stream } = prepare(deps, job);
  const upstream = await deps.provider.send(call);
  if (!upstream.ok) {
    const error = await upstreamError(upstream);
    record(error.status, "error");
    throw error;
  }
  const headers = { "x-request-id": context.requestId };
  if (!stream) {
    const result = target.decodeResult(await upstream.json());
    record(upstream.status, "done", tokenUsage(result.usage));
    return Response.json(dialect.encodeResult(result, context), { headers });
  }
  const { status } = upstream;
  const translated = translateStream(upstream.body ?? new ReadableStream(), {
    framing: target.framing,
    decoder: target.createStreamDecoder(),
    encoder: dialect.createStreamEncoder(context),
    onEnd: (outcome, usage) => record(status, outcome, tokenUsage(usage)),
  });
  return new Response(translated, { headers: { ...headers, "content-type": contentTypes[dialect.framing], "cache-control": "no-cache" } });
}

/** Client request → hub → wire body, with the output limit applied and what could not be carried logged. */
function prepare<Request>(deps: RelayDeps, job: Translation<Request>) {
  const { dialect, input, model, wire } = job;
  const { provider, logger } = deps;
  const target = dialectRegistry[wire].wire;
  if (!target) throw new RelayError("internal", `No encoder for the ${wire} wire`);
  const hub = dialect.decodeRequest(job.request);
  hub.model = model.id;
  hub.stream = job.stream;
  if (job.maxOutput !== undefined && hub.maxOutputTokens !== undefined && hub.maxOutputTokens > job.maxOutput) {
    logger.debug(`${input.requestId}: output limit ${hub.maxOutputTokens} lowered to ${model.id}'s maximum of ${job.maxOutput}`);
    hub.maxOutputTokens = job.maxOutput;
  }
  if (hub.dropped?.length) logger.debug(`${input.requestId}: ${wire} cannot carry, dropped: ${hub.dropped.join("; ")}`);
  const body = target.encodeRequest(hub, provider.wireOptions(model));
  const notes = provider.prepare(wire, body, model);
  if (notes.length > 0) logger.debug(`${input.requestId}: edited for ${provider.id}: ${notes.join("; ")}`);
  const context: EncodeContext = {
    requestedModel: dialect.model(job.request),
    requestId: input.requestId,
    estimatedInputTokens: Math.ceil(input.body.length / 4),
    request: job.request,
    startedAt: input.receivedAt ?? Date.now(),
    now: Date.now,
  };
  const call: ProviderCall = {
    wire,
    body: JSON.stringify(body),
    model,
    requestId: input.requestId,
    ...job.turn,
    signal: input.signal,
    clientHeaders: input.headers,
  };
  return { call, context, target, dialect, record: job.record, stream: job.stream };
}
