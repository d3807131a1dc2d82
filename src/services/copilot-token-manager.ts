import type { Clock } from "../core/clock.ts";
import type { Logger } from "../core/logger.ts";
import { RelayError } from "../core/relay-error.ts";
import type { CopilotToken } from "../providers/copilot/token-exchange.ts";

export interface CopilotTokenManagerInput {
  /** Performs one exchange; the manager owns when and how often. */
  exchange: () => Promise<CopilotToken>;
  clock: Clock;
  logger: Logger;
  /** Refresh this long before `refresh_in` runs out (PROTOCOL.md §2). */
  refreshMarginSeconds?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  showToken?: boolean;
}

export interface CopilotTokenManager {
  /** First exchange; rejects when it fails so start-up can report why. */
  start(): Promise<void>;
  /** The current token, refreshing first when it has expired. */
  getToken(): Promise<string>;
  /** The current token when it is still valid, without waiting: the hot path's way to skip an await. */
  current(): string | undefined;
  /** Forces a refresh (after a 401); concurrent callers share one exchange. */
  refresh(): Promise<string>;
  /** The Copilot base URL the token advertised. */
  endpoint(): string | undefined;
  /** Local clock ms at which the token expires, 0 before the first token. */
  expiresAt(): number;
  stop(): void;
}

/**
 * Owns the Copilot token: single-flight refresh at `refresh_in − 60 s`, rescheduled from every response; a failed
 * refresh retries with exponential backoff and jitter while the current token stays in use until it expires.
 * Timer callbacks never throw.
 */
export function createCopilotTokenManager(input: CopilotTokenManagerInput): CopilotTokenManager {
  const { clock, logger } = input;
  const marginMs = (input.refreshMarginSeconds ?? 60) * 1000;
  const retryBaseMs = input.retryBaseMs ?? 1000;
  const retryMaxMs = input.retryMaxMs ?? 60_000;

  let current: CopilotToken | undefined;
  /** Local clock time at which the current token expires. */
  let expiresAtLocal = 0;
  let inFlight: Promise<string> | undefined;
  let timer: unknown;
  let failures = 0;
  let stopped = false;

  const valid = (): boolean => current !== undefined && clock.now() < expiresAtLocal;

  function schedule(delayMs: number): void {
    if (stopped) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = undefined;
      refresh().catch(() => {
        // Already logged and rescheduled inside refresh().
      });
    }, Math.max(0, delayMs));
  }

  function adopt(token: CopilotToken): void {
    current = token;
    failures = 0;
    expiresAtLocal = clock.now() + token.lifetimeMs;
    const refreshInMs = (token.refresh_in ?? 0) * 1000;
    const untilExpiryMs = token.lifetimeMs;
    // Whichever comes first: refresh_in − margin, or shortly before expiry for tokens with odd refresh_in.
    const dueMs = Math.min(refreshInMs - marginMs, untilExpiryMs - marginMs);
    schedule(Math.max(dueMs, 1000));
    logger.debug(`Copilot token refreshed; next refresh in ${Math.round(Math.max(dueMs, 1000) / 1000)} s`);
    if (input.showToken) logger.info(`Copilot token: ${token.token}`);
  }

  function refresh(): Promise<string> {
    if (inFlight) return inFlight;
    inFlight = (async () => {
      try {
        const token = await input.exchange();
        adopt(token);
        return token.token;
      } catch (error) {
        failures += 1;
        const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** (failures - 1));
        const delay = backoff / 2 + clock.random() * (backoff / 2);
        const permanent = error instanceof RelayError && !error.retryable;
        if (!permanent) schedule(delay);
        logger.warn(
          `Copilot token refresh failed (attempt ${failures}): ${(error as Error).message}` +
            (permanent ? "" : `; retrying in ${Math.round(delay / 100) / 10} s`) +
            (valid() ? "; the current token stays in use until it expires" : ""),
        );
        throw error;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  return {
    async start() {
      stopped = false;
      await refresh();
    },
    async getToken() {
      if (current && valid()) return current.token;
      return refresh();
    },
    current: () => (current && valid() ? current.token : undefined),
    refresh,
    endpoint: () => current?.endpoints?.api,
    expiresAt: () => (current ? expiresAtLocal : 0),
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
