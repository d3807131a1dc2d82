import { type $Fetch, createFetch } from "ofetch";
import type { Config } from "../config/schema.ts";
import { type Clock, sleep, systemClock } from "../core/clock.ts";
import { createLogger, type Logger } from "../core/logger.ts";
import { proxyFor } from "../core/proxy.ts";
import { RelayError } from "../core/relay-error.ts";
import { type CopilotClient, createCopilotClient, type FetchLike } from "../providers/copilot/copilot-client.ts";
import { createCopilotProvider } from "../providers/copilot/copilot-provider.ts";
import { exchangeCopilotToken } from "../providers/copilot/token-exchange.ts";
import type { RelayDeps } from "../relay/relay-deps.ts";
import { type CopilotTokenManager, createCopilotTokenManager } from "./copilot-token-manager.ts";
import { createModelCatalogue } from "./model-catalogue.ts";
import { createReadiness } from "./readiness.ts";
import type { StreamWatchFactory } from "../relay/relay-deps.ts";
import { type AccessLogSink, createAccessLog } from "./access-log.ts";
import { createAdmission } from "./admission.ts";
import {
  type ApprovalPrompter,
  type ApprovalQueue,
  createApprovalQueue,
  createCooldowns,
  createRateLimiter,
  createSemaphore,
  type RateLimiter,
  type Semaphore,
  terminalPrompter,
} from "./control/index.ts";
import { isInteractive } from "./github-token.ts";
import { createRequestGuard, type RequestGuard } from "./guard/request-guard.ts";
import { createStreamWatchdog, type StreamWatchdog } from "./stream-watchdog.ts";
import { createRequestRecorder } from "./request-recorder.ts";
import { createHistoryStore, type HistoryStore } from "./history/history-store.ts";
import { historyPath } from "./history/history-schema.ts";
import { type CopilotQuota, createCopilotQuota, fetchCopilotUser } from "./metrics/copilot-quota.ts";
import { createRelayMetrics, type RelayMetrics } from "./metrics/relay-metrics.ts";
import { createTokenCounter } from "./token-counter.ts";
import { buildRouting } from "./build-routing.ts";
import { findModel, knownModel } from "../relay/find-model.ts";
import type { Routing } from "../relay/routing.ts";

export interface ServiceOverrides {
  env?: Record<string, string | undefined>;
  fetch?: FetchLike;
  clock?: Clock;
  logger?: Logger;
  /** Where the per-request line goes; batched stdout by default. */
  accessLog?: AccessLogSink;
  /** Token refresh retry timing; tests shorten it. */
  tokenRetryBaseMs?: number;
  /** How --manual asks in a terminal; tests pass a stub. Without one (and without a terminal), only the API decides. */
  approvalPrompter?: ApprovalPrompter;
}

export interface Services extends RelayDeps {
  env: Record<string, string | undefined>;
  clock: Clock;
  /** ofetch for GitHub's API (device flow, token exchange, usage); honours --proxy-env. */
  http: $Fetch;
  tokens: CopilotTokenManager;
  copilot: CopilotClient;
  guard: RequestGuard;
  /** The --manual approval queue, when --manual is on. */
  approvals: ApprovalQueue | undefined;
  rateLimiter: RateLimiter;
  upstreamSlots: Semaphore;
  watchdog: StreamWatchdog;
  /** Request history in history.sqlite (issue 10), for `usage`, /admin/stats and the dashboard. */
  history: HistoryStore;
  /** Prometheus counters and histograms fed by every request record; GET /metrics. */
  metrics: RelayMetrics;
  /** GET /usage: GitHub's quota answer, cached briefly. */
  quota: CopilotQuota;
  /**
   * Builds the routing of a reloaded config (providers, models, fallbacks, aliases) and returns what makes it live;
   * throws a ConfigError listing every problem, and the live routing stays.
   */
  prepareRouting(config: Config): () => void;
  setGithubToken(token: string): void;
  githubToken(): string | undefined;
  /**
   * Exchanges the Copilot token and loads the models. A permanent failure (refused token) rejects; a passing one
   * (network, 5xx) keeps retrying in the background while /readyz reports why.
   */
  start(): Promise<void>;
  stop(): void;
}

/** Builds every long-lived piece once; nothing lives at module level, so tests build their own. */
export function createServices(config: Config, overrides: ServiceOverrides = {}): Services {
  const env = overrides.env ?? process.env;
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? createLogger({ verbose: config.verbose, format: config.logFormat, file: config.logFile });
  const baseFetch: FetchLike = overrides.fetch ?? ((input, init) => fetch(input, init));
  const proxiedFetch: FetchLike = config.proxyEnv
    ? (input, init) => baseFetch(input, { ...init, proxy: proxyFor(String(input instanceof Request ? input.url : input), env) })
    : baseFetch;
  const http = createFetch({ fetch: proxiedFetch as typeof fetch, defaults: { retry: 0, timeout: 30_000 } });

  let githubToken: string | undefined;
  const metrics = createRelayMetrics();
  const tokens = createCopilotTokenManager({
    exchange: () => {
      if (!githubToken) return Promise.reject(new RelayError("authentication", "No GitHub token", { retryable: false }));
      return exchangeCopilotToken(http, config, githubToken).then(
        (token) => {
          metrics.tokenRefresh("success");
          return token;
        },
        (error: unknown) => {
          metrics.tokenRefresh("failure");
          throw error;
        },
      );
    },
    clock,
    logger,
    showToken: config.showToken,
    retryBaseMs: overrides.tokenRetryBaseMs,
  });
  const copilot = createCopilotClient({ config, tokens, fetch: baseFetch, env });
  const models = createModelCatalogue({
    fetchModels: () => copilot.listModels(),
    clock,
    logger,
    refreshIntervalMs: config.modelsRefreshSeconds * 1000,
  });
  const readiness = createReadiness();
  const history = createHistoryStore({ path: config.history ? historyPath(config.home) : undefined, retentionDays: config.historyDays, logger });
  const recorder = createRequestRecorder(overrides.accessLog ?? createAccessLog({ format: config.logFormat, file: config.logFile }), history.add, metrics.observe);
  const cooldowns = createCooldowns({ clock });
  const rateLimiter = createRateLimiter({
    spacingMs: config.rateLimit * 1000,
    wait: config.wait,
    maxQueue: config.rateLimitQueue,
    maxWaitMs: config.rateLimitMaxWait * 1000,
    clock,
  });
  const approvals = config.manual
    ? createApprovalQueue({ timeoutMs: config.approvalTimeout * 1000, clock, prompter: overrides.approvalPrompter ?? (isInteractive(env) ? terminalPrompter() : undefined) })
    : undefined;
  const upstreamSlots = createSemaphore({ max: config.maxUpstreamRequests, maxQueue: config.maxQueuedRequests, clock });
  const watchdog = createStreamWatchdog(clock);
  const provider = createCopilotProvider(copilot);
  const watchStream: StreamWatchFactory = (onTimeout, policy) =>
    watchdog.watch({ firstByteMs: policy?.firstByteMs ?? config.firstByteTimeout * 1000, idleMs: policy?.streamIdleMs ?? config.streamIdleTimeout * 1000 }, onTimeout);
  let stopped = false;
  const routingFor = (routingConfig: Config): Routing =>
    buildRouting({
      config: routingConfig,
      env,
      copilot: provider,
      fetch: baseFetch,
      logger,
      copilotKnown: (id) => knownModel(services, id),
      copilotFind: (id, filter) => findModel(services, id, filter),
    });
  let routing: Routing | undefined;

  async function attemptStart(): Promise<void> {
    await tokens.start();
    readiness.setReason("starting: loading the model list");
    await models.load();
    models.startAutoRefresh();
    readiness.markReady();
  }

  async function retryInBackground(): Promise<void> {
    for (let attempt = 1; !stopped && !readiness.ready(); attempt++) {
      await sleep(clock, Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6)));
      if (stopped) return;
      try {
        await attemptStart();
      } catch (error) {
        readiness.setReason(`not ready: ${(error as Error).message}`);
      }
    }
  }

  const services: Services = {
    config,
    env,
    clock,
    logger,
    http,
    tokens,
    copilot,
    provider,
    models,
    guard: createRequestGuard(config, clock),
    approvals,
    rateLimiter,
    upstreamSlots,
    watchdog,
    cooldowns,
    admission: createAdmission(rateLimiter, approvals, config.rateLimit > 0),
    watchStream,
    routing: () => (routing ??= routingFor(config)),
    prepareRouting(next) {
      const built = routingFor(next);
      return () => {
        routing = built;
        Object.assign(services.config, { providers: next.providers, models: next.models, fallbacks: next.fallbacks, modelAliases: next.modelAliases });
      };
    },
    dispatch: {
      clock,
      logger,
      cooldowns,
      upstreamSlots,
      retryPolicy: {
        attempts: config.retries + 1,
        baseDelayMs: config.retryBaseDelay * 1000,
        maxDelayMs: config.retryMaxDelay * 1000,
        totalMs: config.retryTotalTime * 1000,
      },
      timeouts: { connectMs: config.connectTimeout * 1000, firstByteMs: config.firstByteTimeout * 1000 },
    },
    readiness,
    recorder,
    history,
    metrics,
    quota: createCopilotQuota({ fetchUser: () => fetchCopilotUser(http, config, githubToken), cacheSeconds: config.usageCacheSeconds, now: () => clock.now() }),
    tokenCounter: createTokenCounter(),
    setGithubToken(token) {
      githubToken = token;
      if (config.showToken) logger.info(`GitHub token: ${token}`);
    },
    githubToken: () => githubToken,
    async start() {
      history.open();
      try {
        await attemptStart();
      } catch (error) {
        if (error instanceof RelayError && !error.retryable) throw error;
        readiness.setReason(`not ready: ${(error as Error).message}`);
        logger.warn(`Start-up is not complete (${(error as Error).message}); retrying in the background`);
        void retryInBackground();
      }
    },
    stop() {
      stopped = true;
      tokens.stop();
      models.stop();
      watchdog.stop();
      history.close();
      metrics.stop();
    },
  };
  // Built now, so a config problem fails the start, not the first request.
  routing = routingFor(config);
  return services;
}
