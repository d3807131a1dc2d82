import { defineCommand } from "citty";
import { consola } from "consola";
import { editorHeaders } from "../providers/copilot/headers.ts";
import { servicesFromArgs } from "./command-context.ts";
import { optionArgs } from "./option-args.ts";

interface QuotaSnapshot {
  entitlement?: number;
  remaining?: number;
  percent_remaining?: number;
  unlimited?: boolean;
  overage_count?: number;
}

interface CopilotUser {
  copilot_plan?: string;
  quota_reset_date?: string;
  quota_snapshots?: Record<string, QuotaSnapshot | undefined>;
}

export function formatQuota(label: string, quota: QuotaSnapshot | undefined): string {
  if (!quota) return `${label}: not reported`;
  if (quota.unlimited) return `${label}: unlimited`;
  const entitlement = quota.entitlement ?? 0;
  const remaining = quota.remaining ?? 0;
  const used = Math.max(0, entitlement - remaining);
  const percentUsed = entitlement > 0 ? ((used / entitlement) * 100).toFixed(1) : "0.0";
  const overage = quota.overage_count ? `, ${quota.overage_count} over` : "";
  return `${label}: ${used}/${entitlement} used (${percentUsed}%), ${remaining} left${overage}`;
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

export const usageCommand = defineCommand({
  meta: { name: "usage", alias: "check-usage", description: "Show Copilot quota: premium requests, chat, completions, reset date" },
  args: optionArgs(),
  async run({ args, rawArgs }) {
    const services = await servicesFromArgs(args, rawArgs);
    const user = await services.http<CopilotUser>(`${services.config.githubApiUrl}/copilot_internal/user`, {
      headers: { ...editorHeaders(services.config), authorization: `token ${services.githubToken()}`, accept: "application/json" },
    });
    consola.box({ title: "Copilot usage", message: formatUsage(user) });
  },
});
