// The live feed: the newest requests from /admin/stats' `recent`, refreshed on every poll.
import { byId, fillTable, formatCompact, formatInteger, formatMs, formatTime, num } from "./dom.mjs";

const RECENT_ROWS = 50;

const statusClass = (status) => (status >= 500 || status === 0 ? "bad" : status >= 400 ? "warn" : "ok");
const timeOf = (row) => new Date(row.time).getTime() || 0;

export function renderRecent(stats) {
  const recent = [...(Array.isArray(stats.recent) ? stats.recent : [])].sort((first, second) => timeOf(second) - timeOf(first)).slice(0, RECENT_ROWS);
  fillTable(
    byId("recent"),
    [
      { label: "Time" },
      { label: "Route" },
      { label: "Model" },
      { label: "Initiator" },
      { label: "Status", number: true },
      { label: "Duration", number: true },
      { label: "First byte", number: true },
      { label: "Tokens in / out", number: true },
      { label: "Retries", number: true },
      { label: "Key" },
    ],
    recent.map((row) => {
      const status = num(row.status);
      const model = String(row.model ?? "–");
      const requested = typeof row.requestedModel === "string" && row.requestedModel !== model ? row.requestedModel : "";
      return [
        { text: formatTime(row.time), title: String(row.time ?? "") },
        { text: `${String(row.route ?? "–")}${row.stream === true ? " (stream)" : ""}`, title: typeof row.dialect === "string" ? `dialect ${row.dialect}, upstream ${String(row.upstream ?? "–")}` : undefined },
        { text: requested ? `${requested} → ${model}` : model },
        { text: String(row.initiator ?? "–") },
        { text: status ? String(status) : "–", class: statusClass(status), title: [row.outcome, row.errorCode].filter((part) => typeof part === "string" && part).join(": ") || undefined },
        { text: formatMs(row.durationMs) },
        { text: formatMs(row.firstByteMs) },
        { text: `${formatCompact(row.inputTokens)} / ${formatCompact(row.outputTokens)}` },
        { text: formatInteger(row.retries) },
        { text: typeof row.keyName === "string" && row.keyName ? row.keyName : "–" },
      ];
    }),
    "No requests yet.",
  );
}
