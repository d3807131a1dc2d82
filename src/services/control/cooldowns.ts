import type { Clock } from "../../core/clock.ts";
import { COPILOT } from "../../config/resolve-providers.ts";

/**
 * The name a model cools down under: the id alone on Copilot, `provider/id` on another provider, as clients ask for
 * them. Two providers that serve the same model id are rate-limited apart, so a 429 from one never steers requests
 * away from the other.
 */
export const cooldownName = (providerId: string, modelId: string): string => (providerId === COPILOT ? modelId : `${providerId}/${modelId}`);

export interface CooldownsOptions {
  clock: Clock;
  /** Cooldown lengths for a model's 1st, 2nd, 3rd… consecutive 429 without a retry-after; the last step repeats. */
  ladderMs?: number[];
}

export interface CooldownEntry {
  /** The model as clients ask for it (see cooldownName). */
  model: string;
  /** ISO time the cooldown ends. */
  until: string;
  remainingMs: number;
  /** Consecutive 429s of this model since its last success (1 for the first). */
  step: number;
}

export interface Cooldowns {
  /** Starts (or extends) a model's cooldown after a 429; returns how long it lasts from now, in ms. */
  coolDown(model: string, retryAfterSeconds?: number): number;
  isCooling(model: string): boolean;
  remainingMs(model: string): number;
  /** A success: the cooldown ends and the ladder starts again. */
  clear(model: string): void;
  /** POST /admin/cooldowns/reset. */
  reset(): void;
  /** Models cooling now. */
  list(): CooldownEntry[];
}

interface State {
  until: number;
  step: number;
}

/** 30 s, 1 min, 5 min: issue 8's ladder for a 429 that gave no retry-after. */
export const DEFAULT_COOLDOWN_LADDER_MS = [30_000, 60_000, 300_000];

/**
 * Per-model cooldowns after upstream 429s (issue 8). The upstream's retry-after wins; without one, each consecutive
 * 429 climbs the ladder. A 429 that lands while the model is already cooling belongs to the same burst (requests
 * that were in flight together), so it may lengthen the cooldown but does not climb the ladder.
 */
export function createCooldowns(options: CooldownsOptions): Cooldowns {
  const { clock } = options;
  const ladder = options.ladderMs && options.ladderMs.length > 0 ? options.ladderMs : DEFAULT_COOLDOWN_LADDER_MS;
  const states = new Map<string, State>();

  const remainingMs = (model: string): number => Math.max(0, (states.get(model)?.until ?? 0) - clock.now());

  return {
    coolDown(model, retryAfterSeconds) {
      const now = clock.now();
      const state = states.get(model) ?? { until: now, step: 0 };
      if (state.until <= now) state.step += 1;
      const given = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0;
      const lengthMs = given ? retryAfterSeconds * 1000 : (ladder[Math.min(state.step, ladder.length) - 1] ?? 0);
      // The upstream's word replaces the cooldown; a ladder step only lengthens one already running.
      state.until = given ? now + lengthMs : Math.max(state.until, now + lengthMs);
      states.set(model, state);
      return state.until - now;
    },
    isCooling: (model) => remainingMs(model) > 0,
    remainingMs,
    clear(model) {
      states.delete(model);
    },
    reset() {
      states.clear();
    },
    list() {
      const now = clock.now();
      return [...states.entries()]
        .filter(([, state]) => state.until > now)
        .map(([model, state]) => ({ model, until: new Date(state.until).toISOString(), remainingMs: state.until - now, step: state.step }))
        .sort((first, second) => first.model.localeCompare(second.model));
    },
  };
}
