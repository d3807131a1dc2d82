import { closeSync, openSync, writeSync } from "node:fs";
import type { RequestRecord } from "./request-recorder.ts";

/** Where a finished request's record goes: the log line (text or JSON), and later the history and metrics. */
export type AccessLogSink = (entry: RequestRecord) => void;

/**
 * The request's one text line: route, client dialect, model, initiator (and the premium requests a user turn
 * costs), the upstream path, status, duration, time to first byte, tokens, retries, the API key's name, the id.
 */
export function formatAccessLine(entry: RequestRecord): string {
  const tokens = entry.usage ? ` in=${entry.usage.inputTokens} out=${entry.usage.outputTokens}` : "";
  const premium = entry.initiator === "user" && entry.multiplier > 0 ? ` premium=${entry.multiplier}` : "";
  const firstByte = entry.firstByteMs === undefined ? "" : ` ttfb=${entry.firstByteMs}ms`;
  const retries = entry.retries ? ` retries=${entry.retries}` : "";
  const key = entry.keyName ? ` key=${entry.keyName}` : "";
  return (
    `${entry.route} ${entry.dialect} ${entry.model} initiator=${entry.initiator}${premium} via=${entry.upstream} ${entry.status}` +
    `${entry.stream ? " stream" : ""}${entry.outcome === "done" ? "" : ` ${entry.outcome}`} ${entry.durationMs}ms${firstByte}${tokens}${retries}${key} id=${entry.requestId}`
  );
}

export interface AccessLogOptions {
  format: "text" | "json";
  /** Also append the lines to this file. */
  file?: string;
  fd?: number;
}

/**
 * One line per request, written in batches: formatting and writing a log line per request through consola cost
 * about as much as the rest of the relay's own work on the fast path (measured with `bun run bench`).
 * Lines are flushed every 50 ms, at 64 KB, and when the process exits.
 */
export function createAccessLog(options: AccessLogOptions): AccessLogSink {
  const fds = [options.fd ?? 1];
  if (options.file) fds.push(openSync(options.file, "a", 0o600));
  let buffer = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (buffer === "") return;
    const text = buffer;
    buffer = "";
    for (const fd of fds) {
      try {
        writeSync(fd, text);
      } catch {
        // A closed stdout or a full disk must not take the relay down.
      }
    }
  };
  process.once("exit", () => {
    flush();
    for (const fd of fds.slice(1)) closeSync(fd);
  });
  // Many lines share a millisecond under load: its ISO string is worked out once.
  let stampedAt = 0;
  let stamp = "";
  return (entry) => {
    const now = Date.now();
    if (now !== stampedAt) {
      stampedAt = now;
      stamp = new Date(now).toISOString();
    }
    buffer += options.format === "json" ? `${JSON.stringify({ time: stamp, type: "request", ...entry })}\n` : `${stamp} ${formatAccessLine(entry)}\n`;
    if (buffer.length > 65_536) flush();
    else if (!timer) {
      timer = setTimeout(flush, 50);
      timer.unref?.();
    }
  };
}
