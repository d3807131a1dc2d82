import { deviceFlow, githubToken } from "./config";
import { isRecord, json } from "./http";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const ERROR_URI = "https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow";

/** Body fields from JSON, form-encoded body or query string (GitHub accepts all three). */
function params(rec: RecordedRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rec.query)) out[k] = v;
  if (isRecord(rec.json)) {
    for (const [k, v] of Object.entries(rec.json)) if (v !== undefined && v !== null) out[k] = String(v);
  } else if (rec.body !== "") {
    for (const [k, v] of new URLSearchParams(rec.body)) out[k] = v;
  }
  return out;
}

function oauthError(error: string, description: string, extra: Record<string, unknown> = {}): Response {
  // GitHub answers device-flow errors with HTTP 200.
  return json({ error, error_description: description, error_uri: ERROR_URI, ...extra });
}

/** POST /login/device/code */
export function handleDeviceCode(state: FakeState): Response {
  const flow = deviceFlow(state.options);
  state.serial.device += 1;
  const code = `fake_device_code_${state.serial.device}`;
  state.deviceCodes.set(code, {
    code,
    polls: 0,
    slowDowns: 0,
    interval: flow.interval,
    createdAt: Date.now(),
    expiresIn: flow.expiresIn,
  });
  return json({
    device_code: code,
    user_code: "ABCD-1234",
    verification_uri: `${state.url}/login/device`,
    expires_in: flow.expiresIn,
    interval: flow.interval,
  });
}

/**
 * POST /login/oauth/access_token
 * Poll n (1-based): n === slowDownOnPoll → slow_down (interval += 5, not counted as pending);
 * the first `pendingPolls` other polls → authorization_pending; after that → the outcome.
 */
export function handleAccessToken(state: FakeState, rec: RecordedRequest): Response {
  const p = params(rec);
  if (p.grant_type !== DEVICE_GRANT) {
    return oauthError("unsupported_grant_type", `The grant type must be ${DEVICE_GRANT}.`);
  }
  const dc = state.deviceCodes.get(p.device_code ?? "");
  if (dc === undefined) return oauthError("incorrect_device_code", "The device_code provided is not valid.");
  if (Date.now() > dc.createdAt + dc.expiresIn * 1000) {
    return oauthError("expired_token", "The device_code has expired.");
  }
  dc.polls += 1;
  const flow = deviceFlow(state.options);
  if (flow.slowDownOnPoll === dc.polls) {
    dc.slowDowns += 1;
    dc.interval += 5;
    return oauthError("slow_down", "Too many requests have been made in the same timeframe.", {
      interval: dc.interval,
    });
  }
  if (dc.polls - dc.slowDowns <= flow.pendingPolls) {
    return oauthError("authorization_pending", "The authorization request is still pending.");
  }
  if (flow.outcome === "deny") {
    return oauthError("access_denied", "The authorization request was denied.");
  }
  if (flow.outcome === "expire") return oauthError("expired_token", "The device_code has expired.");
  return json({ access_token: githubToken(state.options), token_type: "bearer", scope: "read:user" });
}
