/** Public types of the fake provider upstreams (OpenAI-compatible, Anthropic, Ollama). */
import type { RecordedRequest } from "../fake-upstream/types";

export type { RecordedRequest };

export interface TlsPair {
  key: string;
  cert: string;
}

/**
 * The next `times` POST requests (answers, count_tokens, embed, show; not listings) get `status` in the provider's
 * error envelope instead of their answer; for retry and fallback tests. Per request: `[[status:NNN]]` in the last
 * user message.
 */
export interface FakeFault {
  status: number;
  /** Default 1; Infinity = every request. */
  times?: number;
  /** Seconds, sent as a `retry-after` header. */
  retryAfter?: number;
}

/** A running fake provider. */
export interface FakeProvider {
  /** Base URL as a client should configure it (OpenAI: includes the base path; others: the origin). */
  url: string;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  /** Arms a fault (replacing any armed one) for the next POST requests. */
  inject(fault: FakeFault): void;
  stop(): Promise<void>;
}

interface FakeCommonOptions {
  /** A fault armed from the start (see `inject`). */
  fault?: FakeFault;
}

export interface FakeOpenAIOptions extends FakeCommonOptions {
  /** When set, `Authorization: Bearer <apiKey>` is required (else 401 invalid_api_key). */
  apiKey?: string;
  /** Served by GET {base}/models; when given, other model ids get a 404. */
  models?: string[];
  /** Also serve POST {base}/responses. */
  responses?: boolean;
  /** Default "/v1"; e.g. "/api/coding/paas/v4" for Z.AI. */
  basePath?: string;
  /** Serve HTTPS with this key + certificate (see tls.ts). */
  tls?: TlsPair;
}

export interface FakeAnthropicOptions extends FakeCommonOptions {
  /** When set, `x-api-key: <apiKey>` (or `Authorization: Bearer <apiKey>`) is required, else 401 authentication_error. */
  apiKey?: string;
  /** Served by GET /v1/models; when given, other model ids get a 404. */
  models?: string[];
}

export interface FakeOllamaOptions extends FakeCommonOptions {
  /** Installed models (a name without a tag means ":latest"); other names always get a 404. */
  models?: string[];
}
