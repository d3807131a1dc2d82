// The Copilot quota card, from GET /usage (copilot-api's shape of GitHub's /copilot_internal/user).
import { drawGauge } from "./charts.mjs";
import { byId, formatDecimal, formatInteger, formatRelative, h, num } from "./dom.mjs";

const QUOTAS = [
  ["premium_interactions", "Premium interactions"],
  ["chat", "Chat"],
  ["completions", "Completions"],
];

function quotaGauge(title, snapshot) {
  const quota = snapshot && typeof snapshot === "object" ? snapshot : {};
  const unlimited = quota.unlimited === true;
  const overage = num(quota.overage_count);
  let detail = "";
  if (overage > 0) detail = `${formatDecimal(overage)} over quota`;
  else if (!unlimited && quota.overage_permitted === true) detail = "overage permitted";
  return drawGauge({
    title,
    unlimited,
    percent: num(quota.percent_remaining, 100),
    remaining: formatInteger(quota.remaining),
    entitlement: formatInteger(quota.entitlement),
    detail,
  });
}

/** Renders the quota card; an error result shows its message in place of the gauges. */
export function renderQuota(result, errorText) {
  const meta = byId("quota-meta");
  const gauges = byId("quota");
  if (errorText) {
    meta.textContent = `Quota unavailable: ${errorText}`;
    gauges.replaceChildren();
    return;
  }
  const usage = result ?? {};
  const snapshots = usage.quota_snapshots ?? {};
  const parts = [];
  if (typeof usage.copilot_plan === "string") parts.push(`Plan: ${usage.copilot_plan}`);
  if (typeof usage.quota_reset_date === "string") {
    const reset = new Date(`${usage.quota_reset_date}T00:00:00Z`);
    const when = Number.isNaN(reset.getTime()) ? "" : ` (${formatRelative(reset.getTime() - Date.now())})`;
    parts.push(`Resets ${usage.quota_reset_date}${when}`);
  }
  meta.textContent = parts.join(" · ");
  gauges.replaceChildren(...QUOTAS.map(([field, title]) => quotaGauge(title, snapshots[field])));
  if (!QUOTAS.some(([field]) => snapshots[field])) gauges.replaceChildren(h("p", { class: "muted", text: "The quota answer had no snapshots." }));
}
