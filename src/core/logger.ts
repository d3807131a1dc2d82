import { openSync, writeSync } from "node:fs";
import { type ConsolaInstance, type ConsolaReporter, createConsola, type LogObject } from "consola/core";

export type Logger = ConsolaInstance;

export interface LoggerOptions {
  verbose?: boolean;
  /** Tests pass their own reporter to capture log lines. */
  reporters?: ConsolaReporter[];
  /** `json`: one object per line, for log collectors. */
  format?: "text" | "json";
  /** Also append every line to this file. */
  file?: string;
}

const badges: Record<string, [plain: string, color: number]> = {
  fatal: ["FATAL", 31],
  error: ["ERROR", 31],
  warn: ["WARN ", 33],
  success: ["OK   ", 32],
  ready: ["OK   ", 32],
  start: ["START", 36],
  debug: ["DEBUG", 90],
  trace: ["TRACE", 90],
};

const text = (arg: unknown): string => (typeof arg === "string" ? arg : arg instanceof Error ? (arg.stack ?? arg.message) : Bun.inspect(arg));

/**
 * One line per entry: time, level, message (or a JSON object); warnings and errors on stderr. consola's own
 * reporters pull in node:util and node:tty, which cost the server ~7 MB of resident memory it never needs (a
 * `bun run bench` figure); the interactive parts of consola (prompts, boxes) are loaded only by the commands that
 * use them.
 */
function lineReporter(options: { colors: boolean; format: "text" | "json"; file?: string }): ConsolaReporter {
  const fileFd = options.file ? openSync(options.file, "a", 0o600) : undefined;
  return {
    log(entry: LogObject) {
      const message = entry.args.map(text).join(" ");
      let line: string;
      if (options.format === "json") line = JSON.stringify({ time: entry.date.toISOString(), level: entry.type, message });
      else {
        const [plain, color] = badges[entry.type] ?? ["INFO ", 34];
        line = `${entry.date.toISOString()} ${options.colors ? `\x1b[${color}m${plain}\x1b[0m` : plain} ${message}`;
      }
      if (entry.level < 2) console.error(line);
      else console.log(line);
      if (fileFd !== undefined) {
        try {
          writeSync(fileFd, `${options.colors && options.format === "text" ? line.replace(/\x1b\[\d+m/g, "") : line}\n`);
        } catch {
          // A full disk must not take the relay down.
        }
      }
    },
  };
}

/** consola with the relay's levels: info by default, debug with --verbose. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return createConsola({
    level: options.verbose ? 4 : 3,
    reporters: options.reporters ?? [lineReporter({ colors: Bun.enableANSIColors && options.format !== "json", format: options.format ?? "text", file: options.file })],
  });
}
