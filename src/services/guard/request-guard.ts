import type { Config } from "../../config/schema.ts";
import { RelayError } from "../../core/relay-error.ts";
import { createApiKeyCheck, createKeyRateLimiter, presentedKey } from "../control/index.ts";
import type { Clock } from "../../core/clock.ts";
import { hostName, isLoopbackName } from "./is-loopback.ts";

export interface GuardVerdict {
  /** A refusal to send in the caller's dialect, or undefined to serve the request. */
  error?: RelayError;
  /** The API key's name (never the key) for the log and the request record. */
  keyName?: string;
  /** CORS headers for an allowed cross-origin caller. */
  cors?: Record<string, string>;
  /** A CORS preflight that was answered here. */
  preflight?: boolean;
}

/** Paths anyone may call: a supervisor's liveness probe, and the "Ollama is running" banner clients probe. */
const PUBLIC_PATHS = new Set(["/healthz", "/"]);
/** The dashboard's page and scripts load without a key so its login form can ask for one; its data calls send it. */
const isPublic = (path: string) => PUBLIC_PATHS.has(path) || path === "/dashboard" || path.startsWith("/dashboard/");

export interface RequestGuard {
  /** `clientAddress` is only asked for on admin paths (looking it up costs on every request otherwise). */
  check(request: Request, path: string, clientAddress: () => string | undefined): GuardVerdict;
  /** Keys are configured: every route but the public ones needs one. */
  keysRequired: boolean;
}

/**
 * What every request passes before any route (issue 8): the Host header (DNS rebinding: while the relay listens on
 * loopback, only loopback names and configured hosts are served), the Origin (a web page may call the relay only from
 * a configured origin — or its own, the dashboard's), the body size, the API key and its per-minute budget, and
 * loopback-only admin endpoints when no keys are set.
 */
export function createRequestGuard(config: Config, clock: Clock): RequestGuard {
  const keys = createApiKeyCheck(config.apiKeys);
  const perKey = createKeyRateLimiter({ perMinute: config.keyRequestsPerMinute, clock });
  const onLoopback = isLoopbackName(config.host);
  const allowedHosts = new Set(config.allowedHosts.map((host) => hostName(host)));
  const allowedOrigins = new Set(config.corsOrigins.map((origin) => origin.replace(/\/+$/, "").toLowerCase()));
  const maxBodyBytes = config.maxBodySize * 1024 * 1024;

  const corsHeaders = (origin: string): Record<string, string> => ({
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "false",
    "access-control-allow-headers": "authorization, content-type, x-api-key, anthropic-version, anthropic-beta, openai-beta",
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-max-age": "600",
    vary: "Origin",
  });

  // Clients send the same Host header on every request: the last one that passed is not checked again.
  let lastServedHost: string | undefined;
  const hostServed = (host: string) => {
    if (host === lastServedHost) return true;
    const name = hostName(host);
    if (!isLoopbackName(name) && !allowedHosts.has(name)) return false;
    lastServedHost = host;
    return true;
  };

  return {
    keysRequired: keys.required,
    check(request, path, clientAddress) {
      const host = request.headers.get("host") ?? "";
      if (onLoopback && !hostServed(host)) {
        return { error: new RelayError("permission", `Host '${hostName(host)}' is not served here: the relay answers loopback names and --allowed-host entries only (DNS-rebinding protection).`, { code: "host_not_allowed" }) };
      }
      const origin = request.headers.get("origin");
      let cors: Record<string, string> | undefined;
      if (origin !== null) {
        const normalised = origin.replace(/\/+$/, "").toLowerCase();
        // The relay's own pages (the dashboard) call it from its own origin.
        const sameOrigin = URL.canParse(normalised) && new URL(normalised).host === host.toLowerCase();
        if (allowedOrigins.has(normalised)) cors = corsHeaders(origin);
        else if (!sameOrigin) {
          return { error: new RelayError("permission", `Origin ${origin} may not call the relay; allow it with --cors-origin.`, { code: "origin_not_allowed" }) };
        }
      }
      if (request.method === "OPTIONS") return { preflight: true, cors };
      const length = Number(request.headers.get("content-length") ?? 0);
      if (length > maxBodyBytes) {
        return { error: new RelayError("invalid_request", `The request body is ${length} bytes, above the relay's limit of ${config.maxBodySize} MiB (--max-body-size).`, { status: 413, code: "request_too_large" }), cors };
      }
      if (isPublic(path)) return { cors };
      let keyName: string | undefined;
      if (keys.required) {
        keyName = keys.check(presentedKey(request.headers));
        if (keyName === undefined) {
          return { error: new RelayError("authentication", "A valid API key is required: send it as Authorization: Bearer <key> or x-api-key.", { code: "invalid_api_key" }), cors };
        }
        const budget = perKey.take(keyName);
        if (!budget.ok) {
          return { error: new RelayError("rate_limit", `This API key sent more than ${config.keyRequestsPerMinute} requests in a minute.`, { code: "key_rate_limited", retryAfter: budget.retryAfter }), cors };
        }
      } else if (path.startsWith("/admin/") && !isLoopbackName(clientAddress() ?? "")) {
        return { error: new RelayError("permission", "Admin endpoints answer loopback clients only when no API keys are configured.", { code: "admin_loopback_only" }), cors };
      }
      return { keyName, cors };
    },
  };
}
