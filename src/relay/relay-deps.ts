import type { Config } from "../config/schema.ts";
import type { Logger } from "../core/logger.ts";
import type { CopilotClient } from "../providers/copilot/copilot-client.ts";
import type { Provider, ProviderPolicy } from "../providers/provider.ts";
import type { Routing } from "./routing.ts";
import type { Admission } from "../services/admission.ts";
import type { Cooldowns } from "../services/control/index.ts";
import type { ModelCatalogue } from "../services/model-catalogue.ts";
import type { Readiness } from "../services/readiness.ts";
import type { RequestRecorder } from "../services/request-recorder.ts";
import type { TokenCounter } from "../services/token-counter.ts";
import type { DispatchDeps } from "./dispatch.ts";

/** Starts watching one upstream stream for silence; see services/stream-watchdog.ts. */
export type StreamWatchFactory = (onTimeout: (error: Error) => void, policy?: ProviderPolicy) => { touch(): void; stop(): void };

/** The stream watch with a provider's own first-byte and idle limits, when it has any. */
export const watchFor = (watch: StreamWatchFactory, policy: ProviderPolicy | undefined): StreamWatchFactory =>
  policy ? (onTimeout) => watch(onTimeout, policy) : watch;

/** What the relay functions need; a slice of Services so tests can build it directly. */
export interface RelayDeps {
  config: Config;
  logger: Logger;
  copilot: CopilotClient;
  /** The Copilot provider (embeddings, and the default for every model no route names). */
  provider: Provider;
  /** Which provider answers a model (config-driven; Copilot's catalogue by default). Swapped on config reload. */
  routing(): Routing;
  models: ModelCatalogue;
  readiness: Readiness;
  recorder: RequestRecorder;
  tokenCounter: TokenCounter;
  /** Rate limit and manual approval, once per client request. */
  admission: Admission;
  cooldowns: Cooldowns;
  /** Upstream slots, deadlines and retries around each upstream call. */
  dispatch: DispatchDeps;
  watchStream: StreamWatchFactory;
}

/** Plain values a route hands to the relay: no framework context. */
export interface RelayInput {
  body: string;
  headers: Headers;
  signal: AbortSignal;
  requestId: string;
  /** The route as the client called it, for the log line. */
  route: string;
  /** Epoch milliseconds when the request arrived (Ollama reports durations from it). */
  receivedAt?: number;
  /** The API key's name (never the key), when keys are configured. */
  keyName?: string;
  /** The client's address and user agent, for manual approval prompts. */
  client?: string;
}
