import type { Initiator } from "../core/hub/index.ts";
import type { DialectId, WireOptions } from "../protocols/dialect.ts";
import type { CopilotModel } from "./copilot/model.ts";

/**
 * What the relay knows about one model, whatever serves it: Copilot's GET /models shape (id, capabilities with
 * limits, supported_endpoints), which every provider fills as far as it can, plus the provider's name.
 */
export type ModelCard = CopilotModel & { provider?: string };

/** One upstream call as the relay pipeline hands it to a provider: the body is already in the provider's wire. */
export interface ProviderCall {
  wire: DialectId;
  body: string;
  model: ModelCard;
  requestId: string;
  initiator: Initiator;
  interactionType?: string;
  /** The request carries an image. */
  vision: boolean;
  signal: AbortSignal;
  /** The client's request headers, for what a provider's header rules forward (never the client's credentials). */
  clientHeaders: Headers;
}

/** Per-provider (or per-route) overrides of the relay's dispatch policy; unset fields use the global options. */
export interface ProviderPolicy {
  connectMs?: number;
  firstByteMs?: number;
  streamIdleMs?: number;
  /** Attempts including the first, and the total time for them. */
  attempts?: number;
  totalMs?: number;
}

/**
 * A backend (ARCHITECTURE.md "Two axes of change"): which wires each model speaks, how to shape a request for it,
 * and how to send one with its own credentials, which never leave it. Non-2xx answers are returned, not thrown;
 * only an unreachable upstream throws (a RelayError). Adding one = a file under providers/ and a registry line.
 */
export interface Provider {
  /** The configured name (`copilot`, `zai`, `local` …): routes, logs and model listings use it. */
  id: string;
  /** The wires this model speaks natively; the pipeline prefers the client's own, else translates to one. */
  wires(model: ModelCard): DialectId[];
  wireOptions(model: ModelCard): WireOptions;
  /**
   * Edits a body about to be sent in `wire` in place, for what this provider rejects or its configured request
   * transforms; returns one note per edit (empty when nothing changed, so the client's bytes go upstream untouched).
   */
  prepare(wire: DialectId, body: Record<string, unknown>, model: ModelCard): string[];
  send(call: ProviderCall): Promise<Response>;
  /** Where a wire's calls go, for the log line and the history (`/chat/completions`, `zai /chat/completions`). */
  label(wire: DialectId): string;
  /** The models it serves, for /v1/models, /api/tags and the dashboard; a provider without a listing omits it. */
  listModels?(): Promise<ModelCard[]>;
  /** The card of a model it serves by id (limits, wires), from its last listing or a plain one. */
  card?(id: string): ModelCard;
  policy?: ProviderPolicy;
}
