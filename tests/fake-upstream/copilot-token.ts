import { refreshInSeconds, tokenLifetimeSeconds } from "./config";
import { authToken, hasGithubAuth, isPersonalAccessToken } from "./github-auth";
import { badCredentials, json, notFound } from "./http";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

/** GET /copilot_internal/v2/token — exchanges the GitHub token for a short-lived Copilot token. */
export function handleTokenExchange(state: FakeState, rec: RecordedRequest): Response {
  // GitHub answers 404 to personal access tokens on this endpoint.
  if (isPersonalAccessToken(authToken(rec))) return notFound();
  if (!hasGithubAuth(state, rec)) return badCredentials();

  const lifetimeMs = tokenLifetimeSeconds(state.options) * 1000;
  const expiresAtMs = Date.now() + lifetimeMs;
  const expiresAt = Math.floor(expiresAtMs / 1000);
  state.serial.token += 1;
  const token = `tid=fake;exp=${expiresAt};n=${state.serial.token}`;
  state.issuedTokens.set(token, expiresAtMs);
  state.tokensIssued += 1;

  return json({
    token,
    expires_at: expiresAt,
    refresh_in: refreshInSeconds(state.options),
    endpoints: {
      api: state.copilotUrl,
      proxy: `${state.url}/copilot-proxy`,
      telemetry: `${state.url}/telemetry`,
      "origin-tracker": `${state.url}/origin-tracker`,
    },
    sku: "copilot_individual",
    chat_enabled: true,
    chat_jetbrains_enabled: true,
    code_quote_enabled: true,
    copilotignore_enabled: false,
    individual: true,
    limited_user_quotas: null,
    limited_user_reset_date: null,
    prompt_8k: true,
    public_suggestions: "disabled",
    telemetry: "disabled",
    tracking_id: "fake-tracking-id",
    xcode: true,
  });
}

/** Copilot API auth: `authorization: Bearer <token issued by this fake and not yet expired>`. */
export function hasCopilotAuth(state: FakeState, rec: RecordedRequest): boolean {
  const m = /^bearer\s+(.+?)\s*$/i.exec(rec.headers.authorization ?? "");
  const token = m?.[1];
  if (token === undefined) return false;
  if (state.options.providerKeys?.includes(token)) return true;
  const expiresAtMs = state.issuedTokens.get(token);
  return expiresAtMs !== undefined && Date.now() < expiresAtMs;
}
