/** The figures a window of days adds up to (GET /admin/stats; the dashboard's contract). */
export interface StatsTotals {
  requests: number;
  premiumRequests: number;
  /** Agent-initiated requests × multiplier: what the initiator detection saved. */
  savedPremiumRequests: number;
  inputTokens: number;
  outputTokens: number;
  errors: number;
}

export interface RecentRequest {
  time: string;
  requestId: string;
  dialect: string;
  route: string;
  upstream: string;
  model: string;
  requestedModel: string | null;
  initiator: string;
  stream: boolean;
  status: number;
  outcome: string;
  durationMs: number;
  firstByteMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  multiplier: number;
  retries: number;
  errorCode: string | null;
  keyName: string | null;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
}

export interface RelayStats {
  generatedAt: string;
  days: number;
  /** Whether the figures come from the history database, and why not when they do not. */
  history: { enabled: boolean; reason?: string };
  today: StatsTotals & { userRequests: number; agentRequests: number };
  byDay: (StatsTotals & { day: string })[];
  byModel: (StatsTotals & { model: string })[];
  /** Milliseconds, over the window's successful requests (whole durations, streams included). */
  latency: Percentiles;
  /** Milliseconds to the first streamed byte, over the window's successful streams. */
  firstByte: Percentiles;
  /** Errors / requests over the window, 0..1. */
  errorRate: number;
  /** The last 50 requests, newest first. */
  recent: RecentRequest[];
}

export const zeroTotals = (): StatsTotals => ({ requests: 0, premiumRequests: 0, savedPremiumRequests: 0, inputTokens: 0, outputTokens: 0, errors: 0 });
