export interface EventLoopLagSampler {
  /** The latest sample, in milliseconds. */
  last(): number;
  stop(): void;
}

/**
 * Event-loop lag by timer drift: a timer asked for every `intervalMs` fires late by as long as the loop was busy
 * (a long synchronous task, a GC pause). Unref'd so it never keeps the process alive.
 */
export function startEventLoopLag(onSample: (lagMs: number) => void, intervalMs = 500): EventLoopLagSampler {
  let expected = performance.now() + intervalMs;
  let last = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    last = Math.max(0, now - expected);
    expected = now + intervalMs;
    onSample(last);
  }, intervalMs);
  (timer as { unref?: () => void }).unref?.();
  return {
    last: () => last,
    stop: () => clearInterval(timer),
  };
}
