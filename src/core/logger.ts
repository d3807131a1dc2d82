import { type ConsolaInstance, type ConsolaReporter, createConsola, type LogObject } from "consola/core";

export type Logger = ConsolaInstance;

export interface LoggerOptions {
  verbose?: boolean;
  /** Tests pass their own reporter to capture log lines. */
  reporters?: ConsolaReporter[];
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
 * One line per entry: time, level, message; warnings and errors on stderr. consola's own reporters pull in
 * node:util and node:tty, which cost the server ~7 MB of resident memory it never needs (a `bun run bench` figure);
 * the interactive parts of consola (prompts, boxes) are loaded only by the commands that use them.
 */
function lineReporter(colors: boolean): ConsolaReporter {
  return {
    log(entry: LogObject) {
      const [plain, color] = badges[entry.type] ?? ["INFO ", 34];
      const badge = colors ? `\x1b[${color}m${plain}\x1b[0m` : plain;
      const line = `${entry.date.toISOString()} ${badge} ${entry.args.map(text).join(" ")}`;
      if (entry.level < 2) console.error(line);
      else console.log(line);
    },
  };
}

/** consola with the relay's levels: info by default, debug with --verbose. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return createConsola({
    level: options.verbose ? 4 : 3,
    reporters: options.reporters ?? [lineReporter(Bun.enableANSIColors)],
  });
}
