import type { Initiator } from "../core/hub/index.ts";
import type { Dialect, DialectId } from "../protocols/dialect.ts";
import type { ModelCard, Provider, ProviderCall } from "../providers/provider.ts";
import type { RelayInput } from "./relay-deps.ts";
import type { RecordRequest } from "./request-record.ts";
import type { RequestTiming } from "../services/metrics/server-timing.ts";

/** What planning one upstream call needs: the validated request and the model and wire chosen for it. */
export interface PlanInput<Request> {
  dialect: Dialect<Request>;
  request: Request;
  input: RelayInput;
  model: ModelCard;
  provider: Provider;
  wire: DialectId;
  stream: boolean;
  turn: { initiator: Initiator; interactionType?: string; vision: boolean };
  /** The model id answers carry: the client's own for the model it asked for, the fallback's id otherwise. */
  answeredFor: string;
}

export interface Finish {
  record: RecordRequest;
  /** Frees the upstream slot once the answer is relayed (or dropped). */
  release: () => void;
  /** Server-Timing: a non-streamed answer's body read counts as upstream time. */
  timing?: RequestTiming;
}

/** One prepared upstream call and how its successful answer becomes the client's response. */
export interface Plan {
  provider: Provider;
  call: ProviderCall;
  /** The upstream path, and whether the body was translated, for the log line. */
  upstreamLabel: string;
  respond(upstream: Response, finish: Finish): Promise<Response>;
}
