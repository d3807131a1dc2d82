/** Public types of the fake GitHub + Copilot upstream. */

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. "/copilot/chat/completions". */
  path: string;
  /** Raw query string without the leading "?" ("" when absent). */
  query: string;
  /** Header names are lower-cased. */
  headers: Record<string, string>;
  body: string;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
  /** Date.now() when the request arrived. */
  at: number;
}

/**
 * A fault the fake answers with instead of its normal answer, for the next `times` requests to `path`. A path's
 * faults are used oldest first, one per request, so "the first request resets, the second succeeds" is one
 * `inject({ path, kind: "reset-before-headers" })`. Faults skip the fake's own checks (auth, validation), as a
 * broken network in front of Copilot would — except no-headers-delay, which ends in the normal answer.
 */
export type InjectedFailure =
  | StatusFailure
  | ResetBeforeHeadersFailure
  | ResetMidStreamFailure
  | StallFailure
  | DripFailure
  | HugeFailure
  | NoHeadersDelayFailure;

/** Which fault; `InjectedFailure` without a kind is a "status" one. */
export type FailureKind = NonNullable<InjectedFailure["kind"]>;

interface FailureBase {
  /** Exact request path (no query), e.g. "/copilot/chat/completions". */
  path: string;
  /** How many requests get this answer; default 1. Infinity = until reset(). */
  times?: number;
  /** Wait this long before answering (before any header); the wait ends early when the client leaves. */
  delayMs?: number;
  /** Extra response headers (ignored by reset-before-headers and no-headers-delay). */
  headers?: Record<string, string>;
}

/** Kinds that answer with a body: streamed (SSE) when the request has `stream: true`, else one JSON document. */
interface AnswerFailureBase extends FailureBase {
  /** Status of the answer; default 200. */
  status?: number;
}

/** The original fault: a canned status, body and headers (e.g. 429 with retry-after, 500, 503 text). */
export interface StatusFailure extends FailureBase {
  kind?: "status";
  status: number;
  /** Objects are JSON-encoded; strings are sent as text/plain. */
  body?: string | object;
}

/** The connection is closed before a single response byte: the client's fetch rejects (ECONNRESET). Any path. */
export interface ResetBeforeHeadersFailure extends FailureBase {
  kind: "reset-before-headers";
}

/**
 * Headers and the first `events` events of a valid answer in the path's own shape (chat chunks, Anthropic
 * events, Responses events), then the connection breaks (the client's body read rejects); a non-streamed
 * answer breaks after half its JSON. Chat paths only (/copilot/chat/completions, /v1/messages, /responses).
 * The break comes 50 ms after the last event: a reset makes a client drop bytes it received but has not read yet
 * (Bun's fetch does), so only a client that reads as events arrive is sure to see them all.
 */
export interface ResetMidStreamFailure extends AnswerFailureBase {
  kind: "reset-mid-stream";
  /** Events sent before the break; default 3 (for chat: the role chunk and two content chunks). */
  events?: number;
}

/**
 * Headers and the first `events` events, then nothing: the stream never ends until the client leaves, which
 * is counted in `cancelledStreams`. A non-streamed answer stalls after half its JSON. Chat paths only.
 */
export interface StallFailure extends AnswerFailureBase {
  kind: "stall";
  /** Events sent before the stall; default 1. */
  events?: number;
}

/**
 * A complete, valid answer whose events arrive `intervalMs` apart (before every event after the first); a
 * non-streamed answer arrives as 8 pieces of its JSON, as far apart. Chat paths only.
 */
export interface DripFailure extends AnswerFailureBase {
  kind: "drip";
  /** Pause before every event after the first; default 200. */
  intervalMs?: number;
  /** Content pieces ("tok " each); default: the fake's usual reply ("Hello from <model>! …"). */
  pieces?: number;
}

/**
 * A complete, valid answer whose text content is exactly `bytes` ASCII characters: one JSON document, or a
 * stream of 16 KiB text deltas written back to back. Chat paths only.
 */
export interface HugeFailure extends AnswerFailureBase {
  kind: "huge";
  /** Length of the answer's text; default 20 000 000. */
  bytes?: number;
}

/**
 * Wait `delayMs` before anything (no header goes out), then the path's normal answer, checks included. A client
 * that leaves during the wait is counted in `cancelledStreams` and its connection is reset. Any path.
 */
export interface NoHeadersDelayFailure extends FailureBase {
  kind: "no-headers-delay";
  delayMs: number;
}

export interface FakeModel {
  id: string;
  name?: string;
  vendor?: string;
  /** Omitted from /models when undefined (= chat only, like older Copilot models). */
  supported_endpoints?: string[];
  type?: "chat" | "embeddings";
  family?: string;
  tokenizer?: string;
  maxContext?: number;
  maxOutput?: number;
  maxPrompt?: number;
  multiplier?: number;
  vision?: boolean;
  thinking?: boolean;
}

export interface DeviceFlowOptions {
  /** Polls answering authorization_pending before the outcome; default 1. */
  pendingPolls?: number;
  /** 1-based poll index answering slow_down (does not consume a pending poll). */
  slowDownOnPoll?: number;
  /** Default "approve". */
  outcome?: "approve" | "deny" | "expire";
  /** Seconds; default 900. Also enforced: polling after it passes gives expired_token. */
  expiresIn?: number;
  /** Seconds; default 0 so tests are fast (real GitHub: 5). */
  interval?: number;
}

export interface FakeUpstreamOptions {
  /** Default 0 = random free port. */
  port?: number;
  /** Default 1800. Fractions allowed (e.g. 0.3) for fast expiry tests. */
  tokenLifetimeSeconds?: number;
  /** Default max(1, lifetime - 300). */
  refreshInSeconds?: number;
  /** Default: DEFAULT_MODELS. */
  models?: FakeModel[];
  deviceFlow?: DeviceFlowOptions;
  /** The access_token the device flow returns and the only token accepted; default "gho_fake_user_token". */
  githubToken?: string;
  /**
   * Keep request bodies in the record after answering (default true). The benchmark turns it off: at thousands of
   * 55 KB requests a second, kept bodies would fill the machine's memory within minutes.
   */
  keepBodies?: boolean;
  /**
   * Static keys also accepted as `Authorization: Bearer <key>` on the Copilot API paths, so the same fake can stand
   * for an OpenAI-compatible provider (the benchmark's provider scenario).
   */
  providerKeys?: string[];
  /** Pause between SSE frames in ms; default 1 so frames arrive as separate network writes; negative: none at all. */
  streamFrameDelayMs?: number;
  /** End /responses streams with `data: [DONE]` after the final response event; default false (Copilot sends none). */
  responsesStreamDone?: boolean;
}

export interface FakeUpstream {
  /** http://127.0.0.1:PORT — GitHub web (device flow) and api.github.com paths. */
  url: string;
  /** `${url}/copilot` — advertised as endpoints.api in the token response. */
  copilotUrl: string;
  requests: RecordedRequest[];
  find(pathPrefix: string): RecordedRequest[];
  last(pathPrefix: string): RecordedRequest | undefined;
  inject(failure: InjectedFailure): void;
  options: FakeUpstreamOptions;
  /** Count of Copilot tokens handed out. */
  tokensIssued: number;
  /**
   * Streaming responses whose client went away before the stream finished (a "stall" fault's included), and
   * requests whose client left during a "no-headers-delay" wait.
   */
  cancelledStreams: number;
  /**
   * Bytes the "huge" fault's streams have handed to the server so far. They are paced by what is read, so with a
   * relay that applies backpressure this stops growing while its client does not read.
   */
  readonly pacedBytes: number;
  reset(): void;
  stop(): Promise<void>;
}
