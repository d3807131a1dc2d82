import { type ConsolaInstance, createConsola } from "consola";

export type Logger = ConsolaInstance;

export interface LoggerOptions {
  verbose?: boolean;
  /** Tests pass their own reporter to capture log lines. */
  reporters?: Parameters<typeof createConsola>[0] extends infer O ? (O extends { reporters?: infer R } ? R : never) : never;
}

/** consola with the relay's levels: info by default, debug with --verbose. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return createConsola({
    level: options.verbose ? 4 : 3,
    ...(options.reporters ? { reporters: options.reporters } : {}),
    formatOptions: { date: true, colors: process.stdout.isTTY ?? false },
  });
}
