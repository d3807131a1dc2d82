import { defineCommand } from "citty";
import { consola } from "consola";
import { historyPath } from "../services/history/history-schema.ts";
import { readHistoryDatabase } from "../services/history/open-history-database.ts";
import { type RelayCounts, readRelayCounts } from "../services/history/relay-counts.ts";
import { type CopilotUser, fetchCopilotUser, type QuotaSnapshot } from "../services/metrics/copilot-quota.ts";
import { servicesFromArgs } from "./command-context.ts";
import { optionArgs } from "./option-args.ts";

const BAR_WIDTH = 30;

/** `██████░░░░░░…` for the share used. */
export function usageBar(used: number, entitlement: number): string {
  const filled = entitlement > 0 ? Math.min(BAR_WIDTH, Math.round((used / entitlement) * BAR_WIDTH)) : 0;
  return `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
}

export function formatQuota(label: string, quota: QuotaSnapshot | undefined): string {
  if (!quota) return `${label}: not reported`;
  if (quota.unlimited) return `${label}: unlimited`;
  const entitlement = quota.entitlement ?? 0;
  const remaining = quota.remaining ?? 0;
  const used = Math.max(0, entitlement - remaining);
  const percentUsed = entitlement > 0 ? ((used / entitlement) * 100).toFixed(1) : "0.0";
  const overage = quota.overage_count ? `, ${quota.overage_count} over` : "";
  return `${label}: ${used}/${entitlement} used (${percentUsed}%), ${remaining} left${overage}\n  ${usageBar(used, entitlement)}`;
}

export function formatUsage(user: CopilotUser): string {
  const snapshots = user.quota_snapshots ?? {};
  return [
    `Plan: ${user.copilot_plan ?? "unknown"}`,
    formatQuota("Premium requests", snapshots.premium_interactions),
    formatQuota("Chat", snapshots.chat),
    formatQuota("Completions", snapshots.completions),
    `Quota resets: ${user.quota_reset_date ?? "unknown"}`,
  ].join("\n");
}

const number = (value: number) => String(Math.round(value * 100) / 100);

/**
 * The relay's own counts from its history: requests and estimated premium requests (user turns × multiplier) per
 * model, today and this month, and the agent turns that went out free (with what they would have cost).
 */
export function formatRelayCounts(counts: RelayCounts): string {
  if (counts.models.length === 0) return `No requests this month${counts.since ? ` (history since ${counts.since})` : ""}.`;
  const header = ["Model", "Today", "Premium", "Month", "Premium", "Free agent turns"];
  const rows = counts.models.map((model) => [
    model.model,
    String(model.todayRequests),
    number(model.todayPremium),
    String(model.monthRequests),
    number(model.monthPremium),
    model.monthSaved > 0 ? `${model.monthAgentRequests} (saved ${number(model.monthSaved)})` : String(model.monthAgentRequests),
  ]);
  const sum = (pick: (model: RelayCounts["models"][number]) => number) => counts.models.reduce((total, model) => total + pick(model), 0);
  const saved = sum((model) => model.monthSaved);
  rows.push([
    "Total",
    String(sum((model) => model.todayRequests)),
    number(sum((model) => model.todayPremium)),
    String(sum((model) => model.monthRequests)),
    number(sum((model) => model.monthPremium)),
    saved > 0 ? `${sum((model) => model.monthAgentRequests)} (saved ${number(saved)})` : String(sum((model) => model.monthAgentRequests)),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[column] as number))).join("  ");
  return [
    "Requests and estimated premium requests (user turns × the model's multiplier):",
    line(header),
    ...rows.map(line),
    counts.since ? `History since ${counts.since}.` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

/** The history's counts, or undefined when there is no history file (or it cannot be read). */
function relayCounts(home: string): RelayCounts | undefined {
  try {
    const db = readHistoryDatabase(historyPath(home));
    if (!db) return undefined;
    try {
      return readRelayCounts(db, Date.now());
    } finally {
      db.close();
    }
  } catch (error) {
    consola.warn(`The request history cannot be read: ${(error as Error).message}`);
    return undefined;
  }
}

export const usageCommand = defineCommand({
  meta: {
    name: "usage",
    alias: "check-usage",
    description: "Show Copilot quota (premium requests, chat, completions, reset date) and this relay's own request counts",
  },
  args: optionArgs(),
  async run({ args, rawArgs }) {
    const services = await servicesFromArgs(args, rawArgs);
    const user = await fetchCopilotUser(services.http, services.config, services.githubToken());
    consola.box({ title: "Copilot usage", message: formatUsage(user) });
    const counts = relayCounts(services.config.home);
    if (counts) consola.box({ title: "Through this relay", message: formatRelayCounts(counts) });
  },
});
