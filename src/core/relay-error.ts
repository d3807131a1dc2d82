/**
 * The one error type the relay throws on purpose. Each dialect's error plugin renders it into that dialect's
 * envelope, so routes never build error bodies themselves.
 */
export type RelayErrorKind =
  | "invalid_request"
  | "authentication"
  | "permission"
  | "not_found"
  | "rate_limit"
  | "upstream"
  | "unavailable"
  | "overloaded"
  | "internal";

const defaultStatus: Record<RelayErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  rate_limit: 429,
  upstream: 502,
  unavailable: 503,
  overloaded: 529,
  internal: 500,
};

export interface RelayErrorInit {
  status?: number;
  /** Machine-readable code, e.g. `model_not_found`; kept from the upstream when it gave one. */
  code?: string;
  /** The offending field, e.g. `messages[0].role`. */
  param?: string;
  retryable?: boolean;
  /** Seconds, from the upstream's retry-after. */
  retryAfter?: number;
  /** Copilot's own `type`, kept when relaying upstream errors. */
  upstreamType?: string;
  cause?: unknown;
}

export class RelayError extends Error {
  override name = "RelayError";
  readonly kind: RelayErrorKind;
  readonly status: number;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly retryable: boolean;
  readonly retryAfter: number | undefined;
  readonly upstreamType: string | undefined;
  /** How many times the relay retried before giving up with this error (for the log line). */
  retries = 0;
  /** The request record already has this error (so a caller up the chain does not record it twice). */
  recorded = false;

  constructor(kind: RelayErrorKind, message: string, init: RelayErrorInit = {}) {
    super(message, { cause: init.cause });
    this.kind = kind;
    this.status = init.status ?? defaultStatus[kind];
    this.code = init.code;
    this.param = init.param;
    this.retryable = init.retryable ?? (this.status === 429 || this.status >= 500);
    this.retryAfter = init.retryAfter;
    this.upstreamType = init.upstreamType;
  }
}

export function kindForStatus(status: number): RelayErrorKind {
  if (status === 400 || status === 413 || status === 422) return "invalid_request";
  if (status === 401) return "authentication";
  if (status === 403) return "permission";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limit";
  if (status === 503) return "unavailable";
  if (status === 529) return "overloaded";
  return status >= 500 ? "upstream" : "invalid_request";
}

export const isRelayError = (value: unknown): value is RelayError => value instanceof RelayError;
