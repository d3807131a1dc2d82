import { writeSync } from "node:fs";

export type AccessLogSink = (line: string) => void;

/**
 * One line per request, written in batches: formatting and writing a log line per request through consola cost
 * about as much as the rest of the relay's own work on the fast path (measured with `bun run bench`).
 * Lines are flushed every 50 ms, at 64 KB, and when the process exits.
 */
export function createBatchedStdoutLog(fd = 1): AccessLogSink {
  let buffer = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (buffer === "") return;
    const text = buffer;
    buffer = "";
    try {
      writeSync(fd, text);
    } catch {
      // A closed stdout must not take the relay down.
    }
  };
  process.once("exit", flush);
  // Many lines share a millisecond under load: its ISO string is worked out once.
  let stampedAt = 0;
  let stamp = "";
  return (line) => {
    const now = Date.now();
    if (now !== stampedAt) {
      stampedAt = now;
      stamp = new Date(now).toISOString();
    }
    buffer += `${stamp} ${line}\n`;
    if (buffer.length > 65_536) flush();
    else if (!timer) {
      timer = setTimeout(flush, 50);
      timer.unref?.();
    }
  };
}
