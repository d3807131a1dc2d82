import type { UsageText } from "../core/number-field.ts";
import { RelayError } from "../core/relay-error.ts";
import { relayedHeaders } from "../core/response-headers.ts";
import { relaySse } from "../core/sse-relay.ts";
import type { TokenUsage } from "../core/token-usage.ts";
import { upstreamError } from "../providers/upstream-error.ts";
import { firstByteWatch } from "../services/metrics/first-byte-watch.ts";
import { serverTimingHeader } from "../services/metrics/server-timing.ts";
import type { Finish } from "./plan.ts";
import type { StreamWatchFactory } from "./relay-deps.ts";

/** Usage sits in the last object of a non-streamed answer; this much of its end is enough to find it. */
const USAGE_TAIL_BYTES = 1024;

export interface PassThroughOptions {
  requestId: string;
  /** The model that answered, for the `x-copilot-relay-model` header. */
  model: string;
  stream: boolean;
  finish: Finish;
  /** Reads the dialect's usage from the answer's last bytes (and, for streams, its first event). */
  usage: (tail: UsageText, head: UsageText) => TokenUsage | undefined;
  /** The client dialect's error event for an upstream failure mid-stream. */
  streamErrorEvent?: (error: RelayError) => string;
  /** Drop Copilot's trailing `data: [DONE]` (Anthropic streams). */
  dropDone?: boolean;
  watch?: StreamWatchFactory;
  /** --verbose: shows a non-streamed answer (redacted, truncated). */
  logBody?: (bytes: Uint8Array) => void;
}

const midStreamError = (cause: unknown): RelayError =>
  cause instanceof RelayError ? cause : new RelayError("upstream", `The upstream stream failed: ${(cause as Error)?.message ?? cause}`, { cause });

/**
 * The fast path's answer, shared by every dialect: upstream errors keep their status and message; a non-streamed
 * body is buffered (so a failure mid-body becomes a proper error) and relayed as is; a stream is relayed byte for
 * byte at event boundaries (core/sse-relay.ts), ended by the watchdog if the upstream goes quiet. Usage is read
 * from the ends on the side and recorded once; the upstream slot is freed when the answer is done.
 */
export async function passThrough(upstream: Response, options: PassThroughOptions): Promise<Response> {
  const { finish, usage } = options;
  if (!upstream.ok) {
    const error = await upstreamError(upstream);
    finish.release();
    finish.record(error.status, "error");
    throw error;
  }
  const headers = relayedHeaders(upstream.headers, options.requestId);
  headers["x-copilot-relay-model"] = options.model;
  if (!options.stream || !upstream.body) {
    let bytes: Uint8Array;
    const reading = performance.now();
    try {
      bytes = new Uint8Array(await upstream.arrayBuffer());
    } finally {
      finish.release();
    }
    if (finish.timing) finish.timing.upstreamMs = (finish.timing.upstreamMs ?? 0) + performance.now() - reading;
    finish.record(upstream.status, "done", usage(bytes.subarray(Math.max(0, bytes.length - USAGE_TAIL_BYTES)), ""));
    options.logBody?.(bytes);
    if (finish.timing) headers["server-timing"] = serverTimingHeader(finish.timing);
    return new Response(bytes, { status: upstream.status, headers });
  }
  headers["content-type"] = "text/event-stream; charset=utf-8";
  headers["cache-control"] = "no-cache";
  if (finish.timing) headers["server-timing"] = serverTimingHeader(finish.timing);
  const { status } = upstream;
  const firstByte = firstByteWatch(options.watch);
  const body = relaySse(upstream.body, {
    dropDone: options.dropDone,
    errorEvent: (error) => options.streamErrorEvent?.(midStreamError(error)) ?? "",
    watch: firstByte.watch,
    // Usage is searched in the bytes; only the few hundred after a `"usage"` key are ever decoded.
    onEnd: (outcome, tail, head) => {
      finish.release();
      finish.record(status, outcome, usage(tail, head ?? ""), firstByte.at());
    },
  });
  return new Response(body, { status, headers });
}
