import { join } from "node:path";

export const HISTORY_FILE = "history.sqlite";

export const historyPath = (home: string): string => join(home, HISTORY_FILE);

/** Bumped when the tables change; a newer file than this code knows is left alone (history off, one warning). */
export const HISTORY_SCHEMA_VERSION = 1;

/**
 * One row per relayed request (no prompt or answer text: only what the access log line says), and two rollups kept
 * in the same transaction as the rows, so the dashboard's figures over 30 days read a few hundred rows, not
 * millions: per day and model, and per day of the latency histograms (see latency-buckets.ts). No index but the
 * rowid: one more B-tree per insert cost more than the daily prune gains from it (it deletes by id).
 */
export const HISTORY_SCHEMA = `
CREATE TABLE IF NOT EXISTS requests (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  dialect TEXT NOT NULL,
  route TEXT NOT NULL,
  upstream TEXT NOT NULL,
  model TEXT NOT NULL,
  requested_model TEXT,
  initiator TEXT NOT NULL,
  stream INTEGER NOT NULL,
  status INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  first_byte_ms INTEGER,
  upstream_ms REAL,
  relay_ms REAL,
  input_tokens INTEGER,
  output_tokens INTEGER,
  cached_tokens INTEGER,
  multiplier REAL NOT NULL,
  retries INTEGER NOT NULL,
  error_code TEXT,
  key_name TEXT
);
DROP INDEX IF EXISTS requests_by_time;
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
