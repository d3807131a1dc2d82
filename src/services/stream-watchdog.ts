import type { Clock } from "../core/clock.ts";
import { RelayError } from "../core/relay-error.ts";

export interface StreamWatch {
  /** Bytes arrived: the idle clock starts again. */
  touch(): void;
  stop(): void;
}

export interface StreamWatchdog {
  /**
   * Watches one upstream stream: `onTimeout` runs once if no byte comes within `firstByteMs` of the start, or within
   * `idleMs` of the last one.
   */
  watch(limits: { firstByteMs: number; idleMs: number }, onTimeout: (error: RelayError) => void): StreamWatch;
  /** Streams being watched (for /readyz and metrics). */
  size(): number;
  /** Ends every watched stream now with this error (shutdown). */
  endAll(error: RelayError): void;
  stop(): void;
}

interface Entry {
  lastAt: number;
  limitMs: number;
  idleMs: number;
  firstByteMs: number;
  gotBytes: boolean;
  onTimeout: (error: RelayError) => void;
}

/**
 * One timer for every open stream instead of a timer per chunk: a stream's chunk only stores a timestamp, and a
 * sweep every `tickMs` ends the streams that went quiet. Thousands of open streams cost one callback per tick.
 */
export function createStreamWatchdog(clock: Clock, tickMs = 250): StreamWatchdog {
  const entries = new Set<Entry>();
  let timer: unknown;

  const sweep = () => {
    timer = undefined;
    const now = clock.now();
    for (const entry of entries) {
      if (now - entry.lastAt < entry.limitMs) continue;
      entries.delete(entry);
      const message = entry.gotBytes
        ? `The upstream stream went quiet for ${entry.idleMs / 1000} s (--stream-idle-timeout)`
        : `The upstream sent no answer within ${entry.firstByteMs / 1000} s (--first-byte-timeout)`;
      entry.onTimeout(new RelayError("upstream", message, { status: 504, code: "upstream_timeout" }));
    }
    schedule();
  };
  const schedule = () => {
    if (timer === undefined && entries.size > 0) timer = clock.setTimeout(sweep, tickMs);
  };

  return {
    watch(limits, onTimeout) {
      const entry: Entry = { lastAt: clock.now(), limitMs: limits.firstByteMs, idleMs: limits.idleMs, firstByteMs: limits.firstByteMs, gotBytes: false, onTimeout };
      entries.add(entry);
      schedule();
      return {
        touch() {
          entry.lastAt = clock.now();
          if (!entry.gotBytes) {
            entry.gotBytes = true;
            entry.limitMs = entry.idleMs;
          }
        },
        stop() {
          entries.delete(entry);
        },
      };
    },
    size: () => entries.size,
    endAll(error) {
      const all = [...entries];
      entries.clear();
      for (const entry of all) entry.onTimeout(error);
    },
    stop() {
      entries.clear();
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
