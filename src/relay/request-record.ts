import type { TokenUsage } from "../core/token-usage.ts";
import type { Initiator } from "../core/hub/index.ts";
import type { CopilotModel } from "../providers/copilot/model.ts";
import type { RelayDeps, RelayInput } from "./relay-deps.ts";

export type RecordRequest = (status: number, outcome: "done" | "cancelled" | "error", usage?: TokenUsage) => void;

/** Binds what every relay path logs about a request once, so each path only says how it ended. */
export function requestRecord(
  deps: RelayDeps,
  input: RelayInput,
  request: { model: CopilotModel; initiator: Initiator; stream: boolean; upstream: string; dialect: string },
): RecordRequest {
  const started = performance.now();
  // Only these two: the closure lives as long as a stream, and the input holds the whole request body.
  const { requestId, route } = input;
  return (status, outcome, usage) =>
    deps.recorder.record({
      requestId,
      route,
      model: request.model.id,
      initiator: request.initiator,
      multiplier: request.model.billing?.multiplier ?? 0,
      status,
      stream: request.stream,
      outcome,
      durationMs: Math.round(performance.now() - started),
      usage,
      upstream: request.upstream,
      dialect: request.dialect,
    });
}
