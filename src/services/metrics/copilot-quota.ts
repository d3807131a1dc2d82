import { FetchError, type $Fetch } from "ofetch";
import type { Config } from "../../config/schema.ts";
import { RelayError } from "../../core/relay-error.ts";
import { editorHeaders } from "../../providers/copilot/headers.ts";
import { upstreamError } from "../../providers/upstream-error.ts";

export interface QuotaSnapshot {
  entitlement?: number;
  remaining?: number;
  percent_remaining?: number;
  unlimited?: boolean;
  overage_count?: number;
}

/** GitHub's `GET /copilot_internal/user`, as copilot-api serves it at /usage; only what the relay reads is typed. */
export interface CopilotUser {
  copilot_plan?: string;
  quota_reset_date?: string;
  quota_snapshots?: Record<string, QuotaSnapshot | undefined>;
  [field: string]: unknown;
}

/** Asks GitHub for the account's plan and quota; a refusal keeps GitHub's status and message. */
export async function fetchCopilotUser(http: $Fetch, config: Config, githubToken: string | undefined): Promise<CopilotUser> {
  if (!githubToken) throw new RelayError("authentication", "No GitHub token: run `copilot-relay auth` first.", { code: "no_github_token" });
  let response: Response;
  try {
    response = await http.raw(`${config.githubApiUrl}/copilot_internal/user`, {
      headers: { ...editorHeaders(config), authorization: `token ${githubToken}`, accept: "application/json" },
      ignoreResponseError: true,
      responseType: "text",
    });
  } catch (error) {
    const reason = error instanceof FetchError ? (error.cause instanceof Error ? error.cause.message : error.message) : (error as Error).message;
    throw new RelayError("upstream", `GitHub's quota request failed: ${reason}`, { code: "quota_unavailable", cause: error });
  }
  const text = (response as Response & { _data?: string })._data ?? "";
  if (!response.ok) throw await upstreamError(new Response(text, { status: response.status, headers: response.headers }));
  try {
    const user = JSON.parse(text) as unknown;
    if (user && typeof user === "object" && !Array.isArray(user)) return user as CopilotUser;
  } catch {
    // Reported below, like any other body that is not an object.
  }
  throw new RelayError("upstream", "GitHub answered the quota request with something other than a JSON object", { code: "quota_unavailable" });
}

export interface CopilotQuota {
  /** The quota, from GitHub at most once per `cacheSeconds`; concurrent callers share one request. */
  get(): Promise<CopilotUser>;
}

/** Caches the quota briefly: the dashboard polls it, and GitHub's numbers move slowly. Failures are not cached. */
export function createCopilotQuota(input: { fetchUser: () => Promise<CopilotUser>; cacheSeconds: number; now: () => number }): CopilotQuota {
  let cached: { user: CopilotUser; at: number } | undefined;
  let inFlight: Promise<CopilotUser> | undefined;
  return {
    get() {
      if (cached && input.now() - cached.at < input.cacheSeconds * 1000) return Promise.resolve(cached.user);
      inFlight ??= input
        .fetchUser()
        .then((user) => {
          cached = { user, at: input.now() };
          return user;
        })
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
  };
}
