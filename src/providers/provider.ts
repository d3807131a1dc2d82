import type { Initiator } from "../core/hub/index.ts";
import type { DialectId, WireOptions } from "../protocols/dialect.ts";
import type { CopilotModel } from "./copilot/model.ts";

/** One upstream call as the relay pipeline hands it to a provider: the body is already in the provider's wire. */
export interface ProviderCall {
  wire: DialectId;
  body: string;
  model: CopilotModel;
  requestId: string;
  initiator: Initiator;
  interactionType?: string;
  /** The request carries an image. */
  vision: boolean;
  signal: AbortSignal;
  /** The client's request headers, for the few a wire forwards (e.g. `anthropic-beta` on native Messages). */
  clientHeaders: Headers;
}

/**
 * A backend (ARCHITECTURE.md "Two axes of change"): which wires each model speaks, how to shape a request for it,
 * and how to send one with its credentials. Non-2xx answers are returned, not thrown; only an unreachable upstream
 * throws (a RelayError).
 */
export interface Provider {
  id: string;
  /** The wires this model speaks natively; the pipeline prefers the client's own, else translates to one. */
  wires(model: CopilotModel): DialectId[];
  wireOptions(model: CopilotModel): WireOptions;
  /**
   * Edits a body about to be sent in `wire` in place, for what this provider rejects; returns one note per edit
   * (empty when nothing changed, so the client's bytes can go upstream untouched).
   */
  prepare(wire: DialectId, body: Record<string, unknown>, model: CopilotModel): string[];
  send(call: ProviderCall): Promise<Response>;
}
