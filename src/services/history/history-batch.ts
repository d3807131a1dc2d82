import type { Database } from "bun:sqlite";
import type { RequestRecord } from "../request-recorder.ts";
import { LATENCY_KIND, REQUEST_COLUMNS } from "./history-schema.ts";
import { latencyBucket } from "./latency-buckets.ts";

interface DayModelTotals {
  model: string;
  requests: number;
  user: number;
  agent: number;
  premium: number;
  saved: number;
  input: number;
  output: number;
  cached: number;
  errors: number;
}

/** The values of one request, in REQUEST_COLUMNS order. */
const COLUMNS = REQUEST_COLUMNS.length;

/** What one day's requests in a batch add to the rollups. */
interface DayRollup {
  /** By model id (the catalogue's string, so the lookup hashes no new string). */
  models: Map<string, DayModelTotals>;
  /** Latency bucket counts, keyed `kind × LATENCY_KEY + bucket`. */
  latency: Map<number, number>;
}

const LATENCY_KEY = 100_000;

/**
 * The rows waiting for the next write, kept as their column values in one flat array (no record object stays
 * alive per request, so the collector has less to trace under load) with the day × model totals and the latency
 * buckets they add, summed as they arrive (by day, then model or bucket: no key string is built per request).
 */
export interface PendingBatch {
  values: (string | number | null)[];
  days: Map<string, DayRollup>;
}

export const emptyBatch = (): PendingBatch => ({ values: [], days: new Map() });

export const rowsIn = (batch: PendingBatch): number => batch.values.length / COLUMNS;

/** Requests per `request_batches` row (ROW_ID_STRIDE in history-schema.ts is above it). */
const ROWS_PER_BATCH = 500;

export const isError = (record: RequestRecord): boolean => record.status >= 400 || record.outcome === "error";

const countLatency = (latency: Map<number, number>, kind: number, ms: number) => {
  const key = kind * LATENCY_KEY + latencyBucket(ms);
  latency.set(key, (latency.get(key) ?? 0) + 1);
};

const emptyTotals = (model: string): DayModelTotals => ({
  model,
  requests: 0,
  user: 0,
  agent: 0,
  premium: 0,
  saved: 0,
  input: 0,
  output: 0,
  cached: 0,
  errors: 0,
});

/** Adds one finished request (arrived at `time`, epoch ms, on local `day`) to the batch. */
export function addRow(batch: PendingBatch, record: RequestRecord, time: number, day: string): void {
  const usage = record.usage;
  batch.values.push(
    time,
    record.requestId,
    record.dialect,
    record.route,
    record.upstream,
    record.model,
    record.requestedModel ?? null,
    record.initiator,
    record.stream ? 1 : 0,
    record.status,
    record.outcome,
    Math.round(record.durationMs),
    record.firstByteMs === undefined ? null : Math.round(record.firstByteMs),
    record.upstreamMs ?? null,
    record.relayMs ?? null,
    usage ? usage.inputTokens : null,
    usage ? usage.outputTokens : null,
    usage ? usage.cachedTokens : null,
    record.multiplier,
    record.retries ?? 0,
    record.errorCode ?? null,
    record.keyName ?? null,
  );
  let rollup = batch.days.get(day);
  if (!rollup) {
    rollup = { models: new Map(), latency: new Map() };
    batch.days.set(day, rollup);
  }
  let sum = rollup.models.get(record.model);
  if (!sum) {
    sum = emptyTotals(record.model);
    rollup.models.set(record.model, sum);
  }
  sum.requests += 1;
  if (record.initiator === "user") {
    sum.user += 1;
    sum.premium += record.multiplier;
  } else {
    sum.agent += 1;
    sum.saved += record.multiplier;
  }
  sum.input += usage?.inputTokens ?? 0;
  sum.output += usage?.outputTokens ?? 0;
  sum.cached += usage?.cachedTokens ?? 0;
  if (isError(record)) sum.errors += 1;
  else {
    countLatency(rollup.latency, LATENCY_KIND.duration, record.durationMs);
    if (record.firstByteMs !== undefined) countLatency(rollup.latency, LATENCY_KIND.firstByte, record.firstByteMs);
  }
}

/** `later` appended to `batch` (a batch that could not be written goes back in front of the newer rows). */
export function mergeBatch(batch: PendingBatch, later: PendingBatch): PendingBatch {
  for (const value of later.values) batch.values.push(value);
  for (const [day, rollup] of later.days) {
    const into = batch.days.get(day);
    if (!into) {
      batch.days.set(day, rollup);
      continue;
    }
    for (const [model, sum] of rollup.models) {
      const target = into.models.get(model);
      if (!target) {
        into.models.set(model, sum);
        continue;
      }
      for (const field of ["requests", "user", "agent", "premium", "saved", "input", "output", "cached", "errors"] as const) target[field] += sum[field];
    }
    for (const [key, count] of rollup.latency) into.latency.set(key, (into.latency.get(key) ?? 0) + count);
  }
  return batch;
}

/** A statement that stores `rows` (each REQUEST_COLUMNS' values, oldest first) as one packed `request_batches` row. */
export function createPackedInsert(db: Database): (rows: readonly (readonly unknown[])[]) => void {
  const insert = db.prepare("INSERT INTO request_batches (first_time, last_time, count, rows) VALUES (?, ?, ?, ?)");
  return (rows) => {
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const row of rows) {
      const time = row[0] as number;
      if (time < first) first = time;
      if (time > last) last = time;
    }
    insert.run(first, last, rows.length, JSON.stringify(rows));
  };
}

/**
 * Writes a batch in one transaction with prepared statements: its requests packed, ROWS_PER_BATCH to a row, then
 * the day × model totals and the latency buckets the batch adds (summed as rows arrived, so a batch of a thousand
 * requests is a handful of upserts).
 */
export function createBatchWriter(db: Database): (batch: PendingBatch) => void {
  const insertRows = createPackedInsert(db);
  const addTotals = db.prepare(
    `INSERT INTO daily_models (day, model, requests, user_requests, agent_requests, premium, saved, input_tokens, output_tokens, cached_tokens, errors)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (day, model) DO UPDATE SET requests = requests + excluded.requests, user_requests = user_requests + excluded.user_requests,
       agent_requests = agent_requests + excluded.agent_requests, premium = premium + excluded.premium, saved = saved + excluded.saved,
       input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens,
       cached_tokens = cached_tokens + excluded.cached_tokens, errors = errors + excluded.errors`,
  );
  const addLatency = db.prepare(
    `INSERT INTO daily_latency (day, kind, bucket, count) VALUES (?, ?, ?, ?)
     ON CONFLICT (day, kind, bucket) DO UPDATE SET count = count + excluded.count`,
  );

  return db.transaction((batch: PendingBatch) => {
    const { values } = batch;
    for (let offset = 0; offset < values.length; offset += ROWS_PER_BATCH * COLUMNS) {
      const end = Math.min(values.length, offset + ROWS_PER_BATCH * COLUMNS);
      const rows: (string | number | null)[][] = [];
      for (let at = offset; at < end; at += COLUMNS) rows.push(values.slice(at, at + COLUMNS));
      insertRows(rows);
    }
    for (const [day, rollup] of batch.days) {
      for (const sum of rollup.models.values()) {
        addTotals.run(day, sum.model, sum.requests, sum.user, sum.agent, sum.premium, sum.saved, sum.input, sum.output, sum.cached, sum.errors);
      }
      for (const [key, count] of rollup.latency) addLatency.run(day, Math.floor(key / LATENCY_KEY), key % LATENCY_KEY, count);
    }
  });
}
