import { join } from "node:path";

export const HISTORY_FILE = "history.sqlite";

export const historyPath = (home: string): string => join(home, HISTORY_FILE);

/** Bumped when the tables change; a newer file than this code knows is left alone (history off, one warning). */
export const HISTORY_SCHEMA_VERSION = 2;

/**
 * The columns of one request, in the order each packed row stores them (history-batch.ts writes them so) and the
 * `requests` view names them.
 */
export const REQUEST_COLUMNS = [
  "time",
  "request_id",
  "dialect",
  "route",
  "upstream",
  "model",
  "requested_model",
  "initiator",
  "stream",
  "status",
  "outcome",
  "duration_ms",
  "first_byte_ms",
  "upstream_ms",
  "relay_ms",
  "input_tokens",
  "output_tokens",
  "cached_tokens",
  "multiplier",
  "retries",
  "error_code",
  "key_name",
] as const;

/** A packed row's place in its batch is at most this (batches hold up to 500), so `batch id × it + place` orders rows. */
export const ROW_ID_STRIDE = 1024;

const requestsView = `CREATE VIEW IF NOT EXISTS requests AS SELECT b.id * ${ROW_ID_STRIDE} + r.key AS id, ${REQUEST_COLUMNS.map(
  (name, index) => `json_extract(r.value, '$[${index}]') AS ${name}`,
).join(", ")} FROM request_batches b, json_each(b.rows) r`;

/**
 * One entry per relayed request (no prompt or answer text: only what the access log line says), stored packed: a
 * `request_batches` row holds one write's requests (up to 500) as a JSON array of column arrays, and the
 * `requests` view unpacks them into one row per request, so SQL over the file reads as before. One SQLite row per
 * request cost the relay ~1.3 µs of CPU per request (more under load); one per batch costs a JSON.stringify.
 * Two rollups are kept in the same transaction, so the dashboard's figures over 30 days read a few hundred rows,
 * not millions: per day and model, and per day of the latency histograms (see latency-buckets.ts). No index but
 * the rowid; the daily prune deletes whole batches by their newest time.
 */
export const HISTORY_SCHEMA = `
CREATE TABLE IF NOT EXISTS request_batches (
  id INTEGER PRIMARY KEY,
  first_time INTEGER NOT NULL,
  last_time INTEGER NOT NULL,
  count INTEGER NOT NULL,
  rows TEXT NOT NULL
);
${requestsView};
CREATE TABLE IF NOT EXISTS daily_models (
  day TEXT NOT NULL,
  model TEXT NOT NULL,
  requests INTEGER NOT NULL,
  user_requests INTEGER NOT NULL,
  agent_requests INTEGER NOT NULL,
  premium REAL NOT NULL,
  saved REAL NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cached_tokens INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  PRIMARY KEY (day, model)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS daily_latency (
  day TEXT NOT NULL,
  kind INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, kind, bucket)
) WITHOUT ROWID;
`;

/** `daily_latency.kind`: whole request durations, and times to first byte (streams). */
export const LATENCY_KIND = { duration: 0, firstByte: 1 } as const;
