import type { Database } from "bun:sqlite";
import type { Logger } from "../../core/logger.ts";
import type { RequestRecord } from "../request-recorder.ts";
import { dayKeyBefore, createDayKeys } from "./day-key.ts";
import { addRow, createBatchWriter, emptyBatch, mergeBatch, type PendingBatch, rowsIn } from "./history-batch.ts";
import { emptyStats, readStats } from "./history-stats.ts";
import { openHistoryDatabase } from "./open-history-database.ts";
import type { RelayStats } from "./relay-stats.ts";

export interface HistoryStoreOptions {
  /** The database file (history.sqlite in the data directory); undefined: history is off (--no-history). */
  path: string | undefined;
  /** Rows and daily totals older than this many days are deleted, at start and once a day. */
  retentionDays: number;
  logger: Logger;
  /** Epoch ms; tests pass a manual clock's. */
  now?: () => number;
  /** Write a batch this long after its first row; default 1000 ms. */
  flushDelayMs?: number;
  /** Or as soon as this many rows wait; default 500. */
  batchRows?: number;
}

export interface HistoryStore {
  /** Opens the database and prunes it; a file that cannot be used is reported once and history stays off. */
  open(): void;
  /** The recorder's sink: keeps the record for the next batch (no I/O, no serialisation on the request path). */
  add(record: RequestRecord): void;
  /** Writes what waits now (the timer does it otherwise). */
  flush(): void;
  /** Deletes what is older than the retention. */
  prune(): void;
  stats(days: number): RelayStats;
  enabled(): boolean;
  pendingRows(): number;
  /** Flushes and closes. */
  close(): void;
}

/** Rows kept in memory while the file is busy (another process writing), before new ones are dropped. */
const MAX_PENDING = 50_000;
/** Consecutive busy batches (about a second apart) before history is given up on. */
const MAX_BUSY_FLUSHES = 30;
const DAY_MS = 86_400_000;

const isBusy = (error: unknown) => /SQLITE_BUSY|SQLITE_LOCKED/.test(String((error as { code?: string })?.code ?? ""));

/**
 * The request history (issue 10): records are kept in memory and written by a timer in batches, one transaction
 * each, so the request path only pushes onto an array. Anything wrong with the file (corrupt, locked, a full disk)
 * is reported once; the relay goes on serving without history.
 */
export function createHistoryStore(options: HistoryStoreOptions): HistoryStore {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const flushDelayMs = options.flushDelayMs ?? 1000;
  const batchRows = options.batchRows ?? 500;
  const dayOf = createDayKeys();
  let db: Database | undefined;
  let write: ((batch: PendingBatch) => void) | undefined;
  let off: string | undefined = options.path ? undefined : "history is off (--no-history)";
  let pending = emptyBatch();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busyFlushes = 0;
  let prunedOn = "";
  let dropped = false;

  const giveUp = (why: string, error: unknown) => {
    off = `${why}: ${(error as Error)?.message ?? String(error)}`;
    logger.warn(`Request history is off: ${off}. The relay keeps serving without it.`);
    pending = emptyBatch();
    try {
      db?.close();
    } catch {
      // Closing a broken file may fail too; nothing more to do with it.
    }
    db = undefined;
    write = undefined;
  };

  // The timer that is set, and whether it is the immediate one (a full batch) or the delayed one (the first row).
  let timerNow = false;
  const schedule = (delayMs: number) => {
    if (timer && (timerNow || delayMs > 0)) return;
    // A full batch does not wait for the delayed timer: under load that kept a second of requests (tens of
    // thousands of rows) in memory and wrote them in one go.
    if (timer) clearTimeout(timer);
    timerNow = delayMs === 0;
    timer = setTimeout(() => {
      timer = undefined;
      store.flush();
    }, delayMs);
    timer.unref?.();
  };

  const store: HistoryStore = {
    open() {
      if (off || db || !options.path) return;
      try {
        db = openHistoryDatabase(options.path);
        write = createBatchWriter(db);
      } catch (error) {
        giveUp(`cannot use ${options.path}`, error);
        return;
      }
      store.prune();
      if (rowsIn(pending) > 0) schedule(0);
    },
    add(record) {
      if (off) return;
      if (rowsIn(pending) >= MAX_PENDING) {
        if (!dropped) logger.warn(`Request history: ${MAX_PENDING} rows are waiting for the database; newer ones are dropped until it catches up.`);
        dropped = true;
        return;
      }
      const time = now() - record.durationMs;
      addRow(pending, record, time, dayOf(time));
      if (!db) return;
      schedule(rowsIn(pending) >= batchRows ? 0 : flushDelayMs);
    },
    flush() {
      if (!write || rowsIn(pending) === 0) return;
      const rows = pending;
      pending = emptyBatch();
      try {
        write(rows);
        busyFlushes = 0;
        dropped = false;
      } catch (error) {
        if (isBusy(error) && ++busyFlushes < MAX_BUSY_FLUSHES) {
          pending = mergeBatch(rows, pending);
          schedule(flushDelayMs);
          return;
        }
        giveUp(`cannot write to ${options.path}`, error);
        return;
      }
      if (dayOf(now()) !== prunedOn) store.prune();
    },
    prune() {
      if (!db) return;
      const today = dayOf(now());
      const oldestDay = dayKeyBefore(now(), options.retentionDays - 1);
      try {
        db.transaction(() => {
          // A packed batch goes when its newest request is past the retention (a few hundred rows per batch).
          db?.query("DELETE FROM request_batches WHERE last_time < ?").run(now() - options.retentionDays * DAY_MS);
          db?.query("DELETE FROM daily_models WHERE day < ?").run(oldestDay);
          db?.query("DELETE FROM daily_latency WHERE day < ?").run(oldestDay);
        })();
        prunedOn = today;
      } catch (error) {
        if (!isBusy(error)) giveUp(`cannot prune ${options.path}`, error);
      }
    },
    stats(days) {
      store.flush();
      if (!db) return emptyStats(now(), days, off ?? "history is not open yet");
      try {
        return readStats(db, now(), days);
      } catch (error) {
        if (!isBusy(error)) giveUp(`cannot read ${options.path}`, error);
        return emptyStats(now(), days, off ?? "the history database is busy");
      }
    },
    enabled: () => db !== undefined,
    pendingRows: () => rowsIn(pending),
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      store.flush();
      try {
        db?.close();
      } catch {
        // Already reported, or nothing left to lose.
      }
      db = undefined;
      write = undefined;
      off ??= "history is closed";
    },
  };
  return store;
}
