import type { RequestRecord } from "../request-recorder.ts";
import { type CounterCell, createCounterFamily } from "./counter-family.ts";
import { startEventLoopLag } from "./event-loop-lag.ts";
import { createHistogramFamily, type HistogramCell } from "./histogram-family.ts";
import { renderProcessMetrics } from "./process-metrics.ts";
import { singleSample } from "./prometheus-text.ts";

/** What /metrics reads at scrape time: live figures owned by other services. */
export interface MetricSources {
  readiness: { ready(): boolean };
  upstreamSlots: { active(): number; queued(): number };
  rateLimiter: { queued(): number };
  cooldowns: { list(): unknown[] };
  watchdog: { size(): number };
  tokens: { expiresAt(): number };
  approvals?: { pending(): unknown[] };
  history?: { enabled(): boolean; pendingRows(): number };
  clock: { now(): number };
}

export interface RelayMetrics {
  /** The request recorder's sink: counts one finished request (a few additions, no allocation once warm). */
  observe(record: RequestRecord): void;
  /** Counts one Copilot token exchange's outcome. */
  tokenRefresh(outcome: "success" | "failure"): void;
  /** The Prometheus text exposition. */
  render(sources: MetricSources): string;
  stop(): void;
}

const LATENCY_BOUNDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
const FIRST_BYTE_BOUNDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];
const OVERHEAD_BOUNDS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const LAG_BOUNDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

/** The cells one (route, dialect, model) counts into, found with one map lookup per request. */
interface Series {
  statuses: Map<number, CounterCell>;
  duration: HistogramCell;
  firstByte: HistogramCell;
  overhead: [HistogramCell | undefined, HistogramCell | undefined];
  inputTokens: CounterCell;
  outputTokens: CounterCell;
  cachedTokens: CounterCell;
  premium: CounterCell;
  saved: CounterCell;
  agent: CounterCell;
  retries: CounterCell;
  cancelled: CounterCell;
  errors: Map<string, CounterCell>;
}

/**
 * The relay's Prometheus metrics (issue 10), on a small exposition formatter rather than prom-client: prom-client
 * 15 costs ~17 MB of resident memory and 30–60 ms at import under Bun and about 1 µs per labelled increment, where
 * these cells cost one addition. Label values come only from bounded sets (routes, dialects, catalogue models,
 * statuses, error codes): never the model a client typed.
 */
export function createRelayMetrics(): RelayMetrics {
  const requests = createCounterFamily("copilot_relay_requests_total", "Requests relayed upstream, by route, client dialect, model and status.", ["route", "dialect", "model", "status"]);
  const errors = createCounterFamily("copilot_relay_request_errors_total", "Requests that ended in an error (upstream errors, timeouts, stream failures), by code.", ["dialect", "model", "code"]);
  const cancelled = createCounterFamily("copilot_relay_requests_cancelled_total", "Requests the client left before the answer ended.", ["dialect", "model"]);
  const retries = createCounterFamily("copilot_relay_upstream_retries_total", "Upstream attempts retried (429, 5xx, connection errors, timeouts).", ["dialect", "model"]);
  const tokens = createCounterFamily("copilot_relay_tokens_total", "Tokens reported by the upstream, by kind (input, output, cached).", ["model", "kind"]);
  const premium = createCounterFamily("copilot_relay_premium_requests_total", "Estimated premium requests spent: user-initiated requests times the model's multiplier.", ["model"]);
  const saved = createCounterFamily("copilot_relay_saved_premium_requests_total", "Premium requests saved: agent-initiated requests times the model's multiplier.", ["model"]);
  const agent = createCounterFamily("copilot_relay_agent_requests_total", "Agent-initiated requests (sent with x-initiator: agent, free).", ["model"]);
  const refreshes = createCounterFamily("copilot_relay_copilot_token_refreshes_total", "Copilot token exchanges, by outcome.", ["outcome"]);
  const duration = createHistogramFamily("copilot_relay_request_duration_seconds", "Time from the request to the end of its answer (whole streams included).", ["dialect", "model"], LATENCY_BOUNDS);
  const firstByte = createHistogramFamily("copilot_relay_time_to_first_byte_seconds", "Time from the request to the upstream's first streamed bytes (streamed answers).", ["dialect", "model"], FIRST_BYTE_BOUNDS);
  const overhead = createHistogramFamily(
    "copilot_relay_overhead_seconds",
    "The relay's own time until its answer started: total time to the answer less the upstream's time to headers and the admission queue (Server-Timing relay;dur).",
    ["dialect", "mode"],
    OVERHEAD_BOUNDS,
  );
  const lag = createHistogramFamily("copilot_relay_event_loop_lag_seconds", "Event-loop lag samples (timer drift every 500 ms).", [], LAG_BOUNDS);
  const lagCell = lag.cell([]);
  const sampler = startEventLoopLag((lagMs) => lag.observe(lagCell, lagMs / 1000));
  const refreshCells = { success: refreshes.cell(["success"]), failure: refreshes.cell(["failure"]) };
  // route → dialect → model: nested maps, so finding a request's series builds no key string.
  const bySeries = new Map<string, Map<string, Map<string, Series>>>();
  const seriesMap = (record: RequestRecord): Map<string, Series> => {
    let byDialect = bySeries.get(record.route);
    if (!byDialect) bySeries.set(record.route, (byDialect = new Map()));
    let byModel = byDialect.get(record.dialect);
    if (!byModel) byDialect.set(record.dialect, (byModel = new Map()));
    return byModel;
  };

  const seriesOf = (record: RequestRecord): Series => {
    const byModel = seriesMap(record);
    let series = byModel.get(record.model);
    if (series) return series;
    const dialectModel = [record.dialect, record.model];
    series = {
      statuses: new Map(),
      duration: duration.cell(dialectModel),
      firstByte: firstByte.cell(dialectModel),
      overhead: [undefined, undefined],
      inputTokens: tokens.cell([record.model, "input"]),
      outputTokens: tokens.cell([record.model, "output"]),
      cachedTokens: tokens.cell([record.model, "cached"]),
      premium: premium.cell([record.model]),
      saved: saved.cell([record.model]),
      agent: agent.cell([record.model]),
      retries: retries.cell(dialectModel),
      cancelled: cancelled.cell(dialectModel),
      errors: new Map(),
    };
    byModel.set(record.model, series);
    return series;
  };

  return {
    observe(record) {
      const series = seriesOf(record);
      let status = series.statuses.get(record.status);
      if (!status) {
        status = requests.cell([record.route, record.dialect, record.model, String(record.status)]);
        series.statuses.set(record.status, status);
      }
      status.value += 1;
      duration.observe(series.duration, record.durationMs / 1000);
      if (record.firstByteMs !== undefined) firstByte.observe(series.firstByte, record.firstByteMs / 1000);
      if (record.relayMs !== undefined && record.upstreamMs !== undefined) {
        const translated = record.upstream.endsWith("(translated)") ? 1 : 0;
        const cell = (series.overhead[translated] ??= overhead.cell([record.dialect, translated ? "translated" : "pass-through"]));
        overhead.observe(cell, record.relayMs / 1000);
      }
      if (record.usage) {
        series.inputTokens.value += record.usage.inputTokens;
        series.outputTokens.value += record.usage.outputTokens;
        series.cachedTokens.value += record.usage.cachedTokens;
      }
      if (record.initiator === "user") series.premium.value += record.multiplier;
      else {
        series.agent.value += 1;
        series.saved.value += record.multiplier;
      }
      if (record.retries) series.retries.value += record.retries;
      if (record.outcome === "cancelled") series.cancelled.value += 1;
      else if (record.outcome === "error" || record.status >= 400) {
        const code = record.errorCode ?? (record.status >= 400 ? `http_${record.status}` : "stream_error");
        let cell = series.errors.get(code);
        if (!cell) {
          cell = errors.cell([record.dialect, record.model, code]);
          series.errors.set(code, cell);
        }
        cell.value += 1;
      }
    },
    tokenRefresh(outcome) {
      refreshCells[outcome].value += 1;
    },
    render(sources) {
      const expiresAt = sources.tokens.expiresAt();
      return (
        requests.render() +
        errors.render() +
        cancelled.render() +
        retries.render() +
        tokens.render() +
        premium.render() +
        saved.render() +
        agent.render() +
        duration.render() +
        firstByte.render() +
        overhead.render() +
        refreshes.render() +
        singleSample("copilot_relay_ready", "1 once the Copilot token and the model list are loaded.", "gauge", sources.readiness.ready() ? 1 : 0) +
        singleSample("copilot_relay_upstream_requests_in_flight", "Upstream requests in flight, open streams included.", "gauge", sources.upstreamSlots.active()) +
        singleSample("copilot_relay_upstream_requests_queued", "Requests waiting for an upstream slot (--max-upstream-requests).", "gauge", sources.upstreamSlots.queued()) +
        singleSample("copilot_relay_rate_limit_queued", "Requests waiting for their turn (--rate-limit --wait).", "gauge", sources.rateLimiter.queued()) +
        singleSample("copilot_relay_open_streams", "Streams being relayed.", "gauge", sources.watchdog.size()) +
        singleSample("copilot_relay_models_cooling_down", "Models cooling down after a 429.", "gauge", sources.cooldowns.list().length) +
        (sources.approvals ? singleSample("copilot_relay_approvals_pending", "Requests waiting for manual approval (--manual).", "gauge", sources.approvals.pending().length) : "") +
        singleSample("copilot_relay_copilot_token_expires_in_seconds", "Seconds until the Copilot token expires (0 before the first one).", "gauge", expiresAt ? Math.max(0, (expiresAt - sources.clock.now()) / 1000) : 0) +
        (sources.history
          ? singleSample("copilot_relay_history_enabled", "1 while requests are written to the history database.", "gauge", sources.history.enabled() ? 1 : 0) +
            singleSample("copilot_relay_history_rows_pending", "History rows waiting for the next batch write.", "gauge", sources.history.pendingRows())
          : "") +
        lag.render() +
        renderProcessMetrics(sampler.last())
      );
    },
    stop: () => sampler.stop(),
  };
}
