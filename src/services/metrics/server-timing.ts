/**
 * Where one relayed request's time went, in `performance.now()` milliseconds: filled as the pipeline runs, read
 * once for the `Server-Timing` header (https://www.w3.org/TR/server-timing/) and once for the request's record.
 */
export interface RequestTiming {
  /** When the relay pipeline took the request (its body already read). */
  startedAt: number;
  /** Waiting for admission: --rate-limit --wait and --manual approval. */
  queueMs: number;
  /** The answering upstream attempt's time to response headers (non-streamed: until its whole body arrived). */
  upstreamMs?: number;
  /** Fixed the first time it is read: the relay's own time until its answer started. */
  relayMs?: number;
}

export const startTiming = (): RequestTiming => ({ startedAt: performance.now(), queueMs: 0 });

/**
 * The relay's own time: from the pipeline's start to now, less the upstream's time to headers and the admission
 * queue. Fixed at the first call, which is when the relay's answer starts (response headers built, or a
 * non-streamed answer read and recorded), so the header and the record agree.
 */
export function relayMsOf(timing: RequestTiming, now = performance.now()): number {
  timing.relayMs ??= Math.max(0, now - timing.startedAt - (timing.upstreamMs ?? 0) - timing.queueMs);
  return timing.relayMs;
}

const ms = (value: number) => Math.round(value * 10) / 10;

/**
 * `upstream;dur=123.4, relay;dur=2.1` (and `queue;dur=` when admission made it wait): where the time until the
 * answer started went, so browser devtools and `curl -v` show whether the relay or Copilot was slow.
 */
export function serverTimingHeader(timing: RequestTiming): string {
  const relay = `relay;dur=${ms(relayMsOf(timing))}`;
  const queue = timing.queueMs >= 1 ? `, queue;dur=${ms(timing.queueMs)}` : "";
  return timing.upstreamMs === undefined ? relay + queue : `upstream;dur=${ms(timing.upstreamMs)}, ${relay}${queue}`;
}

/** Awaits admission (rate-limit queue, manual approval) and notes how long it took, so it is not counted as relay time. */
export async function queued(admitted: Promise<void>, timing: RequestTiming): Promise<void> {
  const from = performance.now();
  try {
    await admitted;
  } finally {
    timing.queueMs = performance.now() - from;
  }
}
