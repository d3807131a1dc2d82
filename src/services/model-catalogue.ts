import type { Clock } from "../core/clock.ts";
import type { Logger } from "../core/logger.ts";
import type { CopilotModel } from "../providers/copilot/model.ts";

export interface ModelCatalogueInput {
  fetchModels: () => Promise<CopilotModel[]>;
  clock: Clock;
  logger: Logger;
  refreshIntervalMs: number;
  /** An unknown id triggers a refresh at most this often. */
  unknownRefreshCooldownMs?: number;
}

export interface ModelCatalogue {
  load(): Promise<void>;
  loaded(): boolean;
  list(): CopilotModel[];
  get(id: string): CopilotModel | undefined;
  /** Like get, but an unknown id refreshes the list once (rate-limited) before giving up. */
  find(id: string): Promise<CopilotModel | undefined>;
  startAutoRefresh(): void;
  stop(): void;
}

export function createModelCatalogue(input: ModelCatalogueInput): ModelCatalogue {
  const { clock, logger } = input;
  const cooldownMs = input.unknownRefreshCooldownMs ?? 30_000;
  let models: CopilotModel[] = [];
  let byId = new Map<string, CopilotModel>();
  let isLoaded = false;
  let lastUnknownRefresh = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;
  let timer: unknown;

  function load(): Promise<void> {
    inFlight ??= (async () => {
      try {
        const fresh = await input.fetchModels();
        models = fresh;
        byId = new Map(fresh.map((model) => [model.id, model]));
        isLoaded = true;
        logger.debug(`Loaded ${fresh.length} models`);
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  function scheduleRefresh(): void {
    timer = clock.setTimeout(() => {
      load()
        .catch((error: Error) => logger.warn(`Model list refresh failed: ${error.message}`))
        .finally(scheduleRefresh);
    }, input.refreshIntervalMs);
  }

  return {
    load,
    loaded: () => isLoaded,
    list: () => models,
    get: (id) => byId.get(id),
    async find(id) {
      const known = byId.get(id);
      if (known) return known;
      // Typos must not hammer the upstream: unknown ids trigger at most one refresh per cooldown.
      if (clock.now() - lastUnknownRefresh < cooldownMs) return undefined;
      lastUnknownRefresh = clock.now();
      await load().catch((error: Error) => logger.warn(`Model list refresh failed: ${error.message}`));
      return byId.get(id);
    },
    startAutoRefresh() {
      if (timer === undefined) scheduleRefresh();
    },
    stop() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
