// Today's tiles, the per-day charts and the per-model table, from GET /admin/stats?days=30.
import { drawBarChart } from "./charts.mjs";
import { byId, fillTable, formatCompact, formatDecimal, formatInteger, formatMs, formatPercent, h, num } from "./dom.mjs";

export const STATS_DAYS = 30;

const tile = (label, value, note) => h("div", {}, h("dt", { text: label }), h("dd", {}, value, note ? h("small", { text: note }) : null));

function renderToday(stats) {
  const today = stats.today ?? {};
  // Over the window's successful requests (latency) and streams (first byte), in milliseconds.
  const latency = stats.latency ?? {};
  const firstByte = stats.firstByte ?? {};
  const requests = num(today.requests);
  byId("today").replaceChildren(
    tile("Requests", formatInteger(requests), `${formatInteger(today.userRequests)} user · ${formatInteger(today.agentRequests)} agent`),
    tile("Premium requests", formatDecimal(today.premiumRequests), "estimated"),
    tile("Saved by agent turns", formatDecimal(today.savedPremiumRequests), "premium requests not charged"),
    tile("Tokens", formatCompact(num(today.inputTokens) + num(today.outputTokens)), `${formatCompact(today.inputTokens)} in · ${formatCompact(today.outputTokens)} out`),
    tile("Errors", formatInteger(today.errors), `error rate ${formatPercent(stats.errorRate)} (30 days)`),
    percentileTile("Latency p50", latency, ""),
    percentileTile("First byte p50", firstByte, " (streams)"),
  );
}

/** All-zero percentiles mean no request was measured: a dash, not "0 ms". */
function percentileTile(label, percentiles, note) {
  const none = !(num(percentiles.p50) || num(percentiles.p90) || num(percentiles.p99));
  const show = (value) => (none ? "–" : formatMs(value));
  return tile(label, show(percentiles.p50), `p90 ${show(percentiles.p90)} · p99 ${show(percentiles.p99)}${note}`);
}

const isoDay = (time) => new Date(time).toISOString().slice(0, 10);

/** The last STATS_DAYS days, oldest first, ending at the newest of today and the newest day with data. */
export function dayRange(byDay, generatedAt) {
  const now = Number.isNaN(new Date(generatedAt).getTime()) ? Date.now() : new Date(generatedAt).getTime();
  let last = isoDay(now);
  for (const row of byDay) if (typeof row.day === "string" && row.day > last) last = row.day;
  const end = new Date(`${last}T00:00:00Z`).getTime();
  return Array.from({ length: STATS_DAYS }, (_, index) => isoDay(end - (STATS_DAYS - 1 - index) * 86_400_000));
}

function renderCharts(stats) {
  const byDay = Array.isArray(stats.byDay) ? stats.byDay : [];
  const days = dayRange(byDay, stats.generatedAt);
  const rows = new Map(byDay.map((row) => [row.day, row]));
  const column = (field) => days.map((day) => num(rows.get(day)?.[field]));
  drawBarChart(byId("premium-chart"), {
    days,
    label: "Premium requests per day",
    format: formatDecimal,
    series: [
      { name: "Spent", className: "premium", values: column("premiumRequests") },
      { name: "Saved", className: "saved", values: column("savedPremiumRequests") },
    ],
  });
  const errors = column("errors");
  drawBarChart(byId("requests-chart"), {
    days,
    label: "Requests per day",
    format: formatCompact,
    integer: true,
    // Errors stack on the successful requests so the bar's height stays the day's total.
    series: [
      { name: "Requests", className: "requests", values: column("requests").map((value, index) => Math.max(0, value - errors[index])) },
      { name: "Errors", className: "errors", values: errors },
    ],
  });
  drawBarChart(byId("tokens-chart"), {
    days,
    label: "Tokens per day",
    format: formatCompact,
    integer: true,
    series: [
      { name: "Input tokens", className: "input", values: column("inputTokens") },
      { name: "Output tokens", className: "output", values: column("outputTokens") },
    ],
  });
}

function renderModels(stats) {
  const models = [...(Array.isArray(stats.byModel) ? stats.byModel : [])].sort((first, second) => num(second.requests) - num(first.requests));
  fillTable(
    byId("models"),
    [
      { label: "Model" },
      { label: "Requests", number: true },
      { label: "Premium (est.)", number: true },
      { label: "Saved", number: true },
      { label: "Input tokens", number: true },
      { label: "Output tokens", number: true },
      { label: "Errors", number: true },
    ],
    models.map((row) => [
      { text: String(row.model ?? "–") },
      { text: formatInteger(row.requests) },
      { text: formatDecimal(row.premiumRequests) },
      { text: formatDecimal(row.savedPremiumRequests) },
      { text: formatCompact(row.inputTokens) },
      { text: formatCompact(row.outputTokens) },
      { text: formatInteger(row.errors), class: num(row.errors) > 0 ? "bad" : undefined },
    ]),
    "No requests in the last 30 days.",
  );
}

/** Renders everything drawn from the stats answer. */
export function renderStats(stats) {
  renderToday(stats);
  renderCharts(stats);
  renderModels(stats);
}

/** Charts only, for a resize: they are drawn in pixels. */
export const redrawCharts = renderCharts;
