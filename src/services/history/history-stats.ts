import type { Database } from "bun:sqlite";
import { dayKeyBefore, dayKeyOf, dayKeysUpTo } from "./day-key.ts";
import { LATENCY_KIND, REQUEST_COLUMNS } from "./history-schema.ts";
import { quantileOf } from "./latency-buckets.ts";
import { type Percentiles, type RecentRequest, type RelayStats, type StatsTotals, zeroTotals } from "./relay-stats.ts";

const RECENT_ROWS = 50;

const SUMS = `SUM(requests) AS requests, SUM(premium) AS premiumRequests, SUM(saved) AS savedPremiumRequests,
  SUM(input_tokens) AS inputTokens, SUM(output_tokens) AS outputTokens, SUM(errors) AS errors`;

type TotalsRow = { [K in keyof StatsTotals]: number | null };

const totalsOf = (row: TotalsRow | null | undefined): StatsTotals => ({
  requests: row?.requests ?? 0,
  premiumRequests: round(row?.premiumRequests ?? 0),
  savedPremiumRequests: round(row?.savedPremiumRequests ?? 0),
  inputTokens: row?.inputTokens ?? 0,
  outputTokens: row?.outputTokens ?? 0,
  errors: row?.errors ?? 0,
});

/** Multipliers such as 0.33 add up with float noise; two decimals are what a person reads. */
const round = (value: number) => Math.round(value * 100) / 100;

/** A window with nothing in it: what /admin/stats answers while history is off. */
export function emptyStats(now: number, days: number, reason: string): RelayStats {
  return {
    generatedAt: new Date(now).toISOString(),
    days,
    history: { enabled: false, reason },
    today: { ...zeroTotals(), userRequests: 0, agentRequests: 0 },
    byDay: dayKeysUpTo(now, days).map((day) => ({ day, ...zeroTotals() })),
    byModel: [],
    latency: { p50: 0, p90: 0, p99: 0 },
    firstByte: { p50: 0, p90: 0, p99: 0 },
    errorRate: 0,
    recent: [],
  };
}

/** The dashboard's figures for the `days` up to today, read from the rollups (and the last rows for the feed). */
export function readStats(db: Database, now: number, days: number): RelayStats {
  const today = dayKeyOf(now);
  const from = dayKeyBefore(now, days - 1);
  const todayRow = db
    .query(`SELECT ${SUMS}, SUM(user_requests) AS userRequests, SUM(agent_requests) AS agentRequests FROM daily_models WHERE day = ?`)
    .get(today) as (TotalsRow & { userRequests: number | null; agentRequests: number | null }) | null;
  const dayRows = db.query(`SELECT day, ${SUMS} FROM daily_models WHERE day >= ? GROUP BY day`).all(from) as (TotalsRow & { day: string })[];
  const byDayKey = new Map(dayRows.map((row) => [row.day, totalsOf(row)]));
  const byModel = (db.query(`SELECT model, ${SUMS} FROM daily_models WHERE day >= ? GROUP BY model ORDER BY requests DESC, model`).all(from) as (TotalsRow & { model: string })[]).map(
    (row) => ({ model: row.model, ...totalsOf(row) }),
  );
  const window = byModel.reduce((sum, row) => ({ requests: sum.requests + row.requests, errors: sum.errors + row.errors }), { requests: 0, errors: 0 });
  return {
    generatedAt: new Date(now).toISOString(),
    days,
    history: { enabled: true },
    today: { ...totalsOf(todayRow), userRequests: todayRow?.userRequests ?? 0, agentRequests: todayRow?.agentRequests ?? 0 },
    byDay: dayKeysUpTo(now, days).map((day) => ({ day, ...(byDayKey.get(day) ?? zeroTotals()) })),
    byModel,
    latency: percentiles(db, from, LATENCY_KIND.duration),
    firstByte: percentiles(db, from, LATENCY_KIND.firstByte),
    errorRate: window.requests === 0 ? 0 : Math.round((window.errors / window.requests) * 10_000) / 10_000,
    recent: readRecent(db, RECENT_ROWS),
  };
}

function percentiles(db: Database, from: string, kind: number): Percentiles {
  const rows = db
    .query("SELECT bucket, SUM(count) AS count FROM daily_latency WHERE day >= ? AND kind = ? GROUP BY bucket ORDER BY bucket")
    .all(from, kind) as { bucket: number; count: number }[];
  return { p50: quantileOf(rows, 0.5), p90: quantileOf(rows, 0.9), p99: quantileOf(rows, 0.99) };
}

interface RequestRow {
  time: number;
  request_id: string;
  dialect: string;
  route: string;
  upstream: string;
  model: string;
  requested_model: string | null;
  initiator: string;
  stream: number;
  status: number;
  outcome: string;
  duration_ms: number;
  first_byte_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_tokens: number | null;
  multiplier: number;
  retries: number;
  error_code: string | null;
  key_name: string | null;
}

/**
 * The newest rows by when they were written (requests finish out of order), newest first: unpacked from the last
 * batches in JS (through the `requests` view, SQLite would unpack the whole history to sort it).
 */
export function readRecent(db: Database, limit: number): RecentRequest[] {
  const rows: RequestRow[] = [];
  for (const batch of db.query("SELECT rows FROM request_batches ORDER BY id DESC LIMIT ?").values(limit) as [string][]) {
    const packed = JSON.parse(batch[0]) as unknown[][];
    for (let index = packed.length - 1; index >= 0 && rows.length < limit; index--) {
      const values = packed[index] as unknown[];
      rows.push(Object.fromEntries(REQUEST_COLUMNS.map((name, column) => [name, values[column] ?? null])) as unknown as RequestRow);
    }
    if (rows.length >= limit) break;
  }
  return rows.map((row) => ({
    time: new Date(row.time).toISOString(),
    requestId: row.request_id,
    dialect: row.dialect,
    route: row.route,
    upstream: row.upstream,
    model: row.model,
    requestedModel: row.requested_model,
    initiator: row.initiator,
    stream: row.stream === 1,
    status: row.status,
    outcome: row.outcome,
    durationMs: row.duration_ms,
    firstByteMs: row.first_byte_ms,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedTokens: row.cached_tokens,
    multiplier: row.multiplier,
    retries: row.retries,
    errorCode: row.error_code,
    keyName: row.key_name,
  }));
}
