import type { Initiator } from "../core/hub/index.ts";
import type { TokenUsage } from "../core/token-usage.ts";
import type { CopilotModel } from "../providers/copilot/model.ts";
import { relayMsOf, type RequestTiming } from "../services/metrics/server-timing.ts";
import type { RelayDeps, RelayInput } from "./relay-deps.ts";

/** How a request ended, with its usage and when its first byte went to the client (epoch ms), when known. */
export type RecordRequest = (status: number, outcome: "done" | "cancelled" | "error", usage?: TokenUsage, firstByteAt?: number) => void;

/** Binds what every relay path logs about a request once, so each path only says how it ended. */
export function requestRecord(
  deps: Pick<RelayDeps, "recorder">,
  input: RelayInput,
  request: {
    model: CopilotModel;
    initiator: Initiator;
    stream: boolean;
    upstream: string;
    dialect: string;
    retries?: number;
    requestedModel?: string;
    errorCode?: string;
    timing?: RequestTiming;
  },
): RecordRequest {
  // Only these: the closure lives as long as a stream, and the input holds the whole request body.
  const { requestId, route, keyName } = input;
  const started = input.receivedAt ?? Date.now();
  const { timing } = request;
  return (status, outcome, usage, firstByteAt) =>
    deps.recorder.record({
      requestId,
      route,
      model: request.model.id,
      initiator: request.initiator,
      multiplier: request.model.billing?.multiplier ?? 0,
      status,
      stream: request.stream,
      outcome,
      durationMs: Date.now() - started,
      firstByteMs: firstByteAt === undefined ? undefined : firstByteAt - started,
      usage,
      upstream: request.upstream,
      dialect: request.dialect,
      retries: request.retries ?? 0,
      keyName,
      requestedModel: request.requestedModel,
      errorCode: request.errorCode,
      upstreamMs: timing?.upstreamMs,
      relayMs: timing && relayMsOf(timing),
    });
}
