import { afterEach, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../../src/core/logger.ts";
import { dayKeyOf } from "../../src/services/history/day-key.ts";
import { createHistoryStore, type HistoryStoreOptions } from "../../src/services/history/history-store.ts";
import { latencyBucket, quantileOf } from "../../src/services/history/latency-buckets.ts";
import { readRelayCounts } from "../../src/services/history/relay-counts.ts";
import type { RequestRecord } from "../../src/services/request-recorder.ts";

const DAY_MS = 86_400_000;
const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function setup(overrides: Partial<HistoryStoreOptions> = {}) {
  const home = mkdtempSync(join(tmpdir(), "copilot-relay-history-"));
  homes.push(home);
  const warnings: string[] = [];
  const logger = createLogger({ reporters: [{ log: (entry) => entry.type === "warn" && warnings.push(entry.args.join(" ")) }] });
  let now = Date.UTC(2026, 4, 20, 12);
  const path = join(home, "history.sqlite");
  const store = createHistoryStore({ path, retentionDays: 90, logger, now: () => now, ...overrides });
  return { store, path, warnings, setNow: (ms: number) => (now = ms), now: () => now };
}

const record = (overrides: Partial<RequestRecord> = {}): RequestRecord => ({
  requestId: crypto.randomUUID(),
  route: "/v1/chat/completions",
  model: "claude-sonnet-4.5",
  initiator: "user",
  multiplier: 1,
  status: 200,
  stream: false,
  durationMs: 120,
  outcome: "done",
  usage: { inputTokens: 10, outputTokens: 5, cachedTokens: 2 },
  upstream: "/chat/completions",
  dialect: "openai-chat",
  retries: 0,
  ...overrides,
});

describe("request history store", () => {
  test("a full batch is written at once, without waiting for the delayed write its first row scheduled", async () => {
    const { store, path } = setup({ flushDelayMs: 60_000, batchRows: 5 });
    store.open();
    for (let i = 0; i < 4; i++) store.add(record());
    await Bun.sleep(20);
    // Below a batch: the rows wait for the delayed write.
    expect(store.pendingRows()).toBe(4);
    store.add(record());
    await Bun.sleep(20);
    expect(store.pendingRows()).toBe(0);
    const db = new Database(path, { readonly: true });
    expect((db.query("SELECT count(*) AS n FROM requests").get() as { n: number }).n).toBe(5);
    db.close();
    store.close();
  });

  test("writes one row per record in batches, with a 0600 file in WAL mode", () => {
    const { store, path } = setup();
    store.open();
    store.add(record({ keyName: "key-ab12", requestedModel: "sonnet", firstByteMs: 40, stream: true }));
    store.add(record({ initiator: "agent", retries: 2, errorCode: "upstream_timeout", status: 504, outcome: "error" }));
    expect(store.pendingRows()).toBe(2);
    store.flush();
    expect(store.pendingRows()).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const db = new Database(path, { readonly: true });
    expect((db.query("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode).toBe("wal");
    const rows = db.query("SELECT * FROM requests ORDER BY id").all() as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ model: "claude-sonnet-4.5", requested_model: "sonnet", key_name: "key-ab12", first_byte_ms: 40, stream: 1, input_tokens: 10, cached_tokens: 2 });
    expect(rows[1]).toMatchObject({ initiator: "agent", retries: 2, error_code: "upstream_timeout", status: 504, outcome: "error" });
    db.close();
    store.close();
  });

  test("adds up today, days and models; agent turns count as saved premium requests", () => {
    const { store, setNow, now } = setup();
    store.open();
    const today = now();
    store.add(record({ model: "claude-opus-4.6", multiplier: 3 }));
    store.add(record({ model: "claude-opus-4.6", multiplier: 3, initiator: "agent" }));
    store.add(record({ model: "gpt-4.1", multiplier: 0, status: 500, outcome: "error", usage: undefined }));
    store.flush();
    setNow(today - 2 * DAY_MS);
    store.add(record({ model: "claude-opus-4.6", multiplier: 3 }));
    store.flush();
    setNow(today);
    const stats = store.stats(7);
    expect(stats.history.enabled).toBe(true);
    expect(stats.today).toEqual({ requests: 3, userRequests: 2, agentRequests: 1, premiumRequests: 3, savedPremiumRequests: 3, inputTokens: 20, outputTokens: 10, errors: 1 });
    expect(stats.byDay).toHaveLength(7);
    expect(stats.byDay[6]).toMatchObject({ day: dayKeyOf(today), requests: 3, premiumRequests: 3 });
    expect(stats.byDay[4]).toMatchObject({ day: dayKeyOf(today - 2 * DAY_MS), requests: 1, premiumRequests: 3 });
    expect(stats.byDay[5]).toMatchObject({ requests: 0, premiumRequests: 0 });
    expect(stats.byModel).toEqual([
      { model: "claude-opus-4.6", requests: 3, premiumRequests: 6, savedPremiumRequests: 3, inputTokens: 30, outputTokens: 15, errors: 0 },
      { model: "gpt-4.1", requests: 1, premiumRequests: 0, savedPremiumRequests: 0, inputTokens: 0, outputTokens: 0, errors: 1 },
    ]);
    expect(stats.errorRate).toBe(0.25);
    expect(stats.recent).toHaveLength(4);
    expect(stats.recent[0]?.model).toBe("claude-opus-4.6");
    store.close();
  });

  test("latency percentiles come from the daily buckets, within 5 %", () => {
    const { store } = setup();
    store.open();
    for (let ms = 1; ms <= 1000; ms++) store.add(record({ durationMs: ms }));
    const { latency } = store.stats(1);
    expect(Math.abs(latency.p50 - 500) / 500).toBeLessThan(0.05);
    expect(Math.abs(latency.p90 - 900) / 900).toBeLessThan(0.05);
    expect(Math.abs(latency.p99 - 990) / 990).toBeLessThan(0.05);
    expect(quantileOf([], 0.5)).toBe(0);
    expect(latencyBucket(0.2)).toBe(0);
    store.close();
  });

  test("retention deletes rows and daily totals older than the configured days, at open and on a new day", () => {
    const { store, path, setNow, now } = setup({ retentionDays: 3 });
    const start = now();
    store.open();
    store.add(record());
    store.flush();
    setNow(start + 2 * DAY_MS);
    store.add(record());
    store.flush();
    const count = () => {
      const db = new Database(path, { readonly: true });
      const rows = (db.query("SELECT COUNT(*) AS n FROM requests").get() as { n: number }).n;
      const days = (db.query("SELECT COUNT(DISTINCT day) AS n FROM daily_models").get() as { n: number }).n;
      db.close();
      return { rows, days };
    };
    expect(count()).toEqual({ rows: 2, days: 2 });
    setNow(start + 4 * DAY_MS);
    store.add(record());
    store.flush();
    expect(count()).toEqual({ rows: 2, days: 2 });
    store.close();

    setNow(start + 10 * DAY_MS);
    const reopened = createHistoryStore({ path, retentionDays: 3, logger: createLogger({ reporters: [] }), now });
    reopened.open();
    expect(count()).toEqual({ rows: 0, days: 0 });
    reopened.close();
  });

  test("a corrupt file is reported once and records are dropped without an error", () => {
    const { store, path, warnings } = setup();
    writeFileSync(path, "this is not a database ".repeat(100));
    store.open();
    expect(store.enabled()).toBe(false);
    for (let index = 0; index < 5; index++) store.add(record());
    store.flush();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("Request history is off");
    const stats = store.stats(30);
    expect(stats.history.enabled).toBe(false);
    expect(stats.today.requests).toBe(0);
    expect(stats.byDay).toHaveLength(30);
    store.close();
  });

  test("a file another process holds locked is reported once at open", () => {
    const { store, path, warnings } = setup();
    const first = createHistoryStore({ path, retentionDays: 90, logger: createLogger({ reporters: [] }) });
    first.open();
    first.close();
    const holder = new Database(path);
    holder.run("BEGIN EXCLUSIVE");
    store.open();
    expect(store.enabled()).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/locked|busy/i);
    holder.run("ROLLBACK");
    holder.close();
  });

  test("--no-history: nothing is kept and stats say why", () => {
    const { store } = setup({ path: undefined });
    store.open();
    store.add(record());
    expect(store.pendingRows()).toBe(0);
    expect(store.stats(30).history).toEqual({ enabled: false, reason: "history is off (--no-history)" });
  });

  test("the usage command's counts: today and this month per model, with free agent turns", () => {
    const { store, path, now } = setup();
    store.open();
    store.add(record({ model: "claude-opus-4.6", multiplier: 3 }));
    store.add(record({ model: "claude-opus-4.6", multiplier: 3, initiator: "agent" }));
    store.add(record({ model: "gpt-4.1", multiplier: 0 }));
    store.close();
    const db = new Database(path, { readonly: true });
    const counts = readRelayCounts(db, now());
    db.close();
    expect(counts.since).toBe(dayKeyOf(now()));
    expect(counts.models).toEqual([
      { model: "claude-opus-4.6", todayRequests: 2, todayPremium: 3, todayAgentRequests: 1, monthRequests: 2, monthPremium: 3, monthAgentRequests: 1, monthSaved: 3 },
      { model: "gpt-4.1", todayRequests: 1, todayPremium: 0, todayAgentRequests: 0, monthRequests: 1, monthPremium: 0, monthAgentRequests: 0, monthSaved: 0 },
    ]);
  });

  test("a schema-1 file (one SQLite row per request) is packed on open, in order, and reads as before", () => {
    const { store, path, now } = setup();
    const old = new Database(path, { create: true });
    old.run(`CREATE TABLE requests (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, request_id TEXT NOT NULL, dialect TEXT NOT NULL,
      route TEXT NOT NULL, upstream TEXT NOT NULL, model TEXT NOT NULL, requested_model TEXT, initiator TEXT NOT NULL, stream INTEGER NOT NULL,
      status INTEGER NOT NULL, outcome TEXT NOT NULL, duration_ms INTEGER NOT NULL, first_byte_ms INTEGER, upstream_ms REAL, relay_ms REAL,
      input_tokens INTEGER, output_tokens INTEGER, cached_tokens INTEGER, multiplier REAL NOT NULL, retries INTEGER NOT NULL,
      error_code TEXT, key_name TEXT)`);
    const insert = old.prepare(`INSERT INTO requests (time, request_id, dialect, route, upstream, model, initiator, stream, status, outcome,
      duration_ms, multiplier, retries, key_name) VALUES (?, ?, 'openai-chat', '/v1/chat/completions', 'copilot', 'gpt-4.1', 'user', 0, 200, 'done', ?, 1, 0, ?)`);
    // More than one packed row's worth, so the move goes in several steps.
    old.transaction(() => {
      for (let index = 0; index < 1_203; index++) insert.run(now() - 60_000 + index, `old-${index}`, index, index === 7 ? "key-7" : null);
    })();
    old.run("PRAGMA user_version = 1");
    old.close();

    store.open();
    expect(store.enabled()).toBe(true);
    store.add(record({ requestId: "new-0" }));
    const recent = store.stats(1).recent;
    expect(recent.map((row) => row.requestId).slice(0, 3)).toEqual(["new-0", "old-1202", "old-1201"]);
    store.close();
    const db = new Database(path, { readonly: true });
    expect((db.query("PRAGMA user_version").get() as { user_version: number }).user_version).toBe(2);
    const rows = db.query("SELECT request_id, duration_ms, key_name FROM requests ORDER BY id").all() as { request_id: string; duration_ms: number; key_name: string | null }[];
    expect(rows).toHaveLength(1_204);
    expect(rows.slice(0, 1_203).every((row, index) => row.request_id === `old-${index}` && row.duration_ms === index)).toBe(true);
    expect(rows[7]?.key_name).toBe("key-7");
    expect(rows[1_203]?.request_id).toBe("new-0");
    expect(db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'requests%'").all()).toEqual([]);
    db.close();
  });
});
