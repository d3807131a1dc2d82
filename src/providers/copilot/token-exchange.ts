import { FetchError, type $Fetch } from "ofetch";
import type { Config } from "../../config/schema.ts";
import { RelayError } from "../../core/relay-error.ts";
import { editorHeaders } from "./headers.ts";

export interface CopilotToken {
  token: string;
  /** Unix seconds. */
  expires_at: number;
  /** Seconds until a refresh is due. */
  refresh_in: number;
  endpoints?: { api?: string };
  sku?: string;
  /**
   * Milliseconds the token lives, measured against GitHub's own clock (its Date header), so a skewed local clock
   * cannot make a fresh token look expired. Added by the relay.
   */
  lifetimeMs: number;
}

const isPersonalAccessToken = (token: string): boolean => token.startsWith("ghp_") || token.startsWith("github_pat_");

/** Trades the GitHub token for a short-lived Copilot token (PROTOCOL.md §2). */
export async function exchangeCopilotToken(http: $Fetch, config: Config, githubToken: string): Promise<CopilotToken> {
  try {
    const response = await http.raw<Omit<CopilotToken, "lifetimeMs">>(`${config.githubApiUrl}/copilot_internal/v2/token`, {
      headers: { ...editorHeaders(config), authorization: `token ${githubToken}`, accept: "application/json" },
    });
    const token = response._data;
    if (typeof token?.token !== "string" || typeof token.expires_at !== "number") {
      throw new RelayError("upstream", "GitHub answered the Copilot token request without a token");
    }
    const serverNow = Date.parse(response.headers.get("date") ?? "") || Date.now();
    return { ...token, lifetimeMs: Math.max(0, token.expires_at * 1000 - serverNow) };
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    const status = error.response?.status;
    if (status && isPersonalAccessToken(githubToken) && [401, 403, 404].includes(status)) {
      throw new RelayError(
        "authentication",
        "GitHub refused a personal access token (ghp_… / github_pat_…) for Copilot: the Copilot token exchange only accepts OAuth tokens from an editor login. Run `copilot-relay auth` to log in with the device flow.",
        { status: 401, code: "personal_access_token", retryable: false },
      );
    }
    if (status === 401 || status === 403 || status === 404) {
      throw new RelayError(
        "authentication",
        `GitHub refused the Copilot token exchange (HTTP ${status}): the token is invalid or the account has no Copilot access. Run \`copilot-relay auth\` to log in again.`,
        { status: 401, code: "copilot_token_refused", retryable: false },
      );
    }
    throw new RelayError("upstream", `Copilot token request failed${status ? ` with HTTP ${status}` : ""}: ${error.cause instanceof Error ? error.cause.message : "no answer"}`, {
      status: status ?? 502,
      retryable: true,
    });
  }
}
