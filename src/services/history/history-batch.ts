import type { Database } from "bun:sqlite";
import type { RequestRecord } from "../request-recorder.ts";
import { LATENCY_KIND } from "./history-schema.ts";
import { latencyBucket } from "./latency-buckets.ts";

interface DayModelTotals {
  day: string;
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

/** The values of one `requests` row, in the order of the INSERT's columns. */
const COLUMNS = 22;

/**
 * The rows waiting for the next write, kept as their column values in one flat array (no record object stays
 * alive per request, so the collector has less to trace under load) with the day × model totals and the latency
 * buckets they add, summed as they arrive.
 */
export interface PendingBatch {
  values: (string | number | null)[];
  totals: Map<string, DayModelTotals>;
  latency: Map<string, number>;
}

export const emptyBatch = (): PendingBatch => ({ values: [], totals: new Map(), latency: new Map() });

export const rowsIn = (batch: PendingBatch): number => batch.values.length / COLUMNS;

const ROWS_PER_INSERT = 50;

export const isError = (record: RequestRecord): boolean => record.status >= 400 || record.outcome === "error";

const countLatency = (batch: PendingBatch, day: string, kind: number, ms: number) => {
  const key = `${day}\u0000${kind}\u0000${latencyBucket(ms)}`;
  batch.latency.set(key, (batch.latency.get(key) ?? 0) + 1);
};

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
  const key = `${day}\u0000${record.model}`;
  let sum = batch.totals.get(key);
  if (!sum) {
    sum = { day, model: record.model, requests: 0, user: 0, agent: 0, premium: 0, saved: 0, input: 0, output: 0, cached: 0, errors: 0 };
    batch.totals.set(key, sum);
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
    countLatency(batch, day, LATENCY_KIND.duration, record.durationMs);
    if (record.firstByteMs !== undefined) countLatency(batch, day, LATENCY_KIND.firstByte, record.firstByteMs);
  }
}

/** `later` appended to `batch` (a batch that could not be written goes back in front of the newer rows). */
export function mergeBatch(batch: PendingBatch, later: PendingBatch): PendingBatch {
  for (const value of later.values) batch.values.push(value);
  for (const [key, sum] of later.totals) {
    const into = batch.totals.get(key);
    if (!into) {
      batch.totals.set(key, sum);
      continue;
    }
    for (const field of ["requests", "user", "agent", "premium", "saved", "input", "output", "cached", "errors"] as const) into[field] += sum[field];
  }
  for (const [key, count] of later.latency) batch.latency.set(key, (batch.latency.get(key) ?? 0) + count);
  return batch;
}

/**
 * Writes a batch in one transaction with prepared statements: the rows, then the day × model totals and the
 * latency buckets the batch adds (summed as rows arrived, so a batch of a thousand requests is a handful of upserts).
 */
export function createBatchWriter(db: Database): (batch: PendingBatch) => void {
  const columns = `time, request_id, dialect, route, upstream, model, requested_model, initiator, stream, status, outcome,
       duration_ms, first_byte_ms, upstream_ms, relay_ms, input_tokens, output_tokens, cached_tokens, multiplier, retries, error_code, key_name`;
  const placeholders = `(${Array.from({ length: COLUMNS }, () => "?").join(", ")})`;
  // Rows go in as one multi-row INSERT per ROWS_PER_INSERT: one statement step per row cost ~2.5 µs of the relay's
  // CPU per request under load; a statement per 50 rows costs a fraction of that (the statements are prepared once
  // per size and kept).
  const inserts = new Map<number, ReturnType<Database["prepare"]>>();
  const insertFor = (count: number) => {
    let statement = inserts.get(count);
    if (!statement) {
      statement = db.prepare(`INSERT INTO requests (${columns}) VALUES ${Array.from({ length: count }, () => placeholders).join(", ")}`);
      inserts.set(count, statement);
    }
    return statement;
  };
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
    const chunk = ROWS_PER_INSERT * COLUMNS;
    for (let offset = 0; offset < values.length; offset += chunk) {
      const part = values.slice(offset, offset + chunk);
      insertFor(part.length / COLUMNS).run(...part);
    }
    for (const sum of batch.totals.values()) {
      addTotals.run(sum.day, sum.model, sum.requests, sum.user, sum.agent, sum.premium, sum.saved, sum.input, sum.output, sum.cached, sum.errors);
    }
    for (const [key, count] of batch.latency) {
      const [day, kind, bucket] = key.split("\u0000");
      addLatency.run(day as string, Number(kind), Number(bucket), count);
    }
  });
}
