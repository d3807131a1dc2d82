import type { TokenUsage } from "../core/token-usage.ts";
import type { Initiator } from "../core/hub/index.ts";
import type { AccessLogSink } from "./access-log.ts";

export interface RequestRecord {
  requestId: string;
  route: string;
  model: string;
  initiator: Initiator;
  /** The model's premium multiplier; a user turn costs this many premium requests, an agent turn none. */
  multiplier: number;
  status: number;
  stream: boolean;
  durationMs: number;
  outcome: "done" | "cancelled" | "error";
  usage?: TokenUsage;
  /** Which upstream path served it and whether the body was translated. */
  upstream: string;
  /** The client's dialect (openai-chat, anthropic-messages, …). */
  dialect: string;
  /** Milliseconds to the first byte sent to the client (streams). */
  firstByteMs?: number;
  retries?: number;
  /** The API key's name, never the key. */
  keyName?: string;
  /** The model the client asked for (an alias, a `:latest` name …), when it differs from or names `model`. */
  requestedModel?: string;
  /** The error's code (RelayError.code) when the request failed. */
  errorCode?: string;
  /** Milliseconds the answering upstream took to send its response headers (non-streamed: its whole body). */
  upstreamMs?: number;
  /** The relay's own milliseconds until its answer started: everything but `upstreamMs` (see Server-Timing). */
  relayMs?: number;
}

export interface ModelTotals {
  requests: number;
  userRequests: number;
  agentRequests: number;
  premiumRequests: number;
  inputTokens: number;
  outputTokens: number;
  errors: number;
}

export interface RequestRecorder {
  record(entry: RequestRecord): void;
  totals(): Record<string, ModelTotals>;
  /** Models that served a request since `sinceMs` (epoch ms), most recent first. */
  recentModels(sinceMs: number): string[];
}

/**
 * One log line per request (with the initiator, so users see their premium spend) and running totals; the record
 * also goes to the other sinks (history, metrics), each of which must stay cheap: this runs on every request.
 */
export function createRequestRecorder(log: AccessLogSink, ...sinks: AccessLogSink[]): RequestRecorder {
  const byModel = new Map<string, ModelTotals>();
  const lastUsed = new Map<string, number>();
  return {
    record(entry) {
      lastUsed.delete(entry.model);
      lastUsed.set(entry.model, Date.now());
      const totals = byModel.get(entry.model) ?? {
        requests: 0,
        userRequests: 0,
        agentRequests: 0,
        premiumRequests: 0,
        inputTokens: 0,
        outputTokens: 0,
        errors: 0,
      };
      totals.requests += 1;
      if (entry.initiator === "user") {
        totals.userRequests += 1;
        totals.premiumRequests += entry.multiplier;
      } else totals.agentRequests += 1;
      totals.inputTokens += entry.usage?.inputTokens ?? 0;
      totals.outputTokens += entry.usage?.outputTokens ?? 0;
      if (entry.status >= 400 || entry.outcome === "error") totals.errors += 1;
      byModel.set(entry.model, totals);

      log(entry);
      for (const sink of sinks) sink(entry);
    },
    totals: () => Object.fromEntries(byModel),
    recentModels: (sinceMs) => [...lastUsed].filter(([, at]) => at >= sinceMs).map(([model]) => model).reverse(),
  };
}
