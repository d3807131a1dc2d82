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

export interface InjectedFailure {
  /** Exact request path (no query), e.g. "/copilot/chat/completions". */
  path: string;
  status: number;
  /** Objects are JSON-encoded; strings are sent as text/plain. */
  body?: string | object;
  headers?: Record<string, string>;
  /** How many requests get this answer; default 1. Infinity = until reset(). */
  times?: number;
  /** Wait this long before answering. */
  delayMs?: number;
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
  /** Streaming responses whose client went away before the stream finished. */
  cancelledStreams: number;
  reset(): void;
  stop(): Promise<void>;
}
