import { hasGithubAuth } from "./github-auth";
import { badCredentials, json } from "./http";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

/** GET /user */
export function handleUser(state: FakeState, rec: RecordedRequest): Response {
  if (!hasGithubAuth(state, rec)) return badCredentials();
  return json({
    login: "octocat",
    id: 1,
    node_id: "MDQ6VXNlcjE=",
    type: "User",
    name: "The Octocat",
    avatar_url: "https://avatars.githubusercontent.com/u/1?v=4",
    html_url: "https://github.com/octocat",
  });
}

const PREMIUM_ENTITLEMENT = 300;

function unlimited(quotaId: string, stamp: string): Record<string, unknown> {
  return {
    entitlement: 0,
    remaining: 0,
    quota_remaining: 0,
    percent_remaining: 100,
    unlimited: true,
    overage_count: 0,
    overage_permitted: false,
    quota_id: quotaId,
    timestamp_utc: stamp,
  };
}

/** GET /copilot_internal/user — plan and quota snapshot; premium use follows the chat traffic seen. */
export function handleCopilotUser(state: FakeState, rec: RecordedRequest): Response {
  if (!hasGithubAuth(state, rec)) return badCredentials();
  const now = new Date();
  const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const stamp = now.toISOString();
  const remaining = Math.max(0, PREMIUM_ENTITLEMENT - state.premiumUsed);
  return json({
    login: "octocat",
    access_type_sku: "monthly_subscriber_quota",
    analytics_tracking_id: "fake-analytics-id",
    assigned_date: "2025-01-01T00:00:00Z",
    can_signup_for_limited: false,
    chat_enabled: true,
    copilot_plan: "individual",
    organization_login_list: [],
    organization_list: [],
    endpoints: { api: state.copilotUrl },
    quota_reset_date: reset.toISOString().slice(0, 10),
    quota_reset_date_utc: reset.toISOString(),
    quota_snapshots: {
      chat: unlimited("chat", stamp),
      completions: unlimited("completions", stamp),
      premium_interactions: {
        entitlement: PREMIUM_ENTITLEMENT,
        remaining: Math.floor(remaining),
        quota_remaining: remaining,
        percent_remaining: Math.round((remaining / PREMIUM_ENTITLEMENT) * 1000) / 10,
        unlimited: false,
        overage_count: 0,
        overage_permitted: false,
        quota_id: "premium_interactions",
        timestamp_utc: stamp,
      },
    },
  });
}
