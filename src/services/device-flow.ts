import type { $Fetch } from "ofetch";
import { type Clock, sleep } from "../core/clock.ts";
import { RelayError } from "../core/relay-error.ts";

export interface DeviceCode {
  device_code: string;
  user_code: string;
  verification_uri: string;
  expires_in: number;
  interval: number;
}

interface AccessTokenReply {
  access_token?: string;
  error?: string;
  error_description?: string;
  interval?: number;
}

export interface DeviceFlowInput {
  http: $Fetch;
  githubUrl: string;
  clientId: string;
  clock: Clock;
  /** Shows the code to the user; called once, before polling starts. */
  onCode: (code: DeviceCode) => void;
  scope?: string;
}

/**
 * GitHub's OAuth device flow (PROTOCOL.md §1): ask for a code, then poll until the user approves, denies, or the
 * code expires. `slow_down` adds five seconds to the interval as RFC 8628 §3.5 requires.
 */
export async function runDeviceFlow(input: DeviceFlowInput): Promise<string> {
  const { http, githubUrl, clientId, clock } = input;
  const code = await http<DeviceCode>(`${githubUrl}/login/device/code`, {
    method: "POST",
    headers: { accept: "application/json" },
    body: { client_id: clientId, scope: input.scope ?? "read:user" },
  });
  input.onCode(code);

  const deadline = clock.now() + code.expires_in * 1000;
  let intervalMs = Math.max(0, code.interval) * 1000;
  while (clock.now() < deadline) {
    await sleep(clock, intervalMs);
    const reply = await http<AccessTokenReply>(`${githubUrl}/login/oauth/access_token`, {
      method: "POST",
      headers: { accept: "application/json" },
      body: {
        client_id: clientId,
        device_code: code.device_code,
        grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      },
    });
    if (reply.access_token) return reply.access_token;
    switch (reply.error) {
      case "authorization_pending":
        continue;
      case "slow_down":
        intervalMs = Math.max(intervalMs + 5000, (reply.interval ?? 0) * 1000);
        continue;
      case "expired_token":
        throw new RelayError("authentication", "The device code expired before it was approved. Run `copilot-relay auth` again.", { code: "expired_token" });
      case "access_denied":
        throw new RelayError("authentication", "The login was denied on GitHub.", { code: "access_denied" });
      default:
        throw new RelayError("authentication", `GitHub refused the device login: ${reply.error_description ?? reply.error ?? "no token in the reply"}`, { code: reply.error });
    }
  }
  throw new RelayError("authentication", `The device code expired after ${code.expires_in} s without approval. Run \`copilot-relay auth\` again.`, { code: "expired_token" });
}
