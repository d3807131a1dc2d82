import { readFileSync } from "node:fs";
import type { Logger } from "../core/logger.ts";
import { execSelf } from "./exec-self.ts";

/** Bun's fetch runs at most this many requests at once unless BUN_CONFIG_MAX_HTTP_REQUESTS says otherwise. */
const BUN_DEFAULT_MAX_HTTP_REQUESTS = 256;
/** Bun reads the variable as a 16-bit number. */
const BUN_MAX_HTTP_REQUESTS = 65_535;
/** Set by the relay on its own re-run, so a refused setting cannot loop. */
const RERUN_MARK = "COPILOT_RELAY_FETCH_LIMIT_SET";

/**
 * Bun's fetch queues requests beyond BUN_CONFIG_MAX_HTTP_REQUESTS (256 by default) and reads the variable only when
 * the process starts: setting it later changes nothing, so long streams would hold every other request back. When
 * the configured maximum is higher, the relay re-runs itself once, in place, with the variable set.
 */
export async function liftFetchLimit(wanted: number, logger: Logger): Promise<void> {
  const current = Number(process.env.BUN_CONFIG_MAX_HTTP_REQUESTS) || BUN_DEFAULT_MAX_HTTP_REQUESTS;
  const target = Math.min(wanted, BUN_MAX_HTTP_REQUESTS);
  if (current >= target) return;
  if (process.env[RERUN_MARK] !== "1") {
    // Does not return when it works.
    await execSelf({ BUN_CONFIG_MAX_HTTP_REQUESTS: String(target), [RERUN_MARK]: "1" });
  }
  logger.warn(
    `Only ${current} upstream requests can run at once (Bun's fetch limit), below --max-upstream-requests ${wanted}; ` +
      `start the relay with BUN_CONFIG_MAX_HTTP_REQUESTS=${target} in its environment to lift it.`,
  );
}

/** The soft limit on open files, where the platform tells (Linux); Bun raises it to the hard limit at start. */
export function openFileLimit(): number | undefined {
  try {
    const line = readFileSync("/proc/self/limits", "utf8")
      .split("\n")
      .find((entry) => entry.startsWith("Max open files"));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === "unlimited" ? undefined : Number(soft);
  } catch {
    return undefined;
  }
}

/** Each upstream request holds two sockets (the client's and the upstream's); warn when they cannot all be open. */
export function checkOpenFiles(wanted: number, logger: Pick<Logger, "warn">, limit = openFileLimit()): void {
  const needed = wanted * 2 + 64;
  if (limit !== undefined && limit < needed) {
    logger.warn(
      `The open-file limit (${limit}) allows about ${Math.floor((limit - 64) / 2)} requests at once, below --max-upstream-requests ${wanted}; ` +
        `raise it (ulimit -n ${needed}, or LimitNOFILE= in a systemd unit).`,
    );
  }
}
