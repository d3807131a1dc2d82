import { Database } from "bun:sqlite";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { createPackedInsert } from "./history-batch.ts";
import { HISTORY_SCHEMA, HISTORY_SCHEMA_VERSION, REQUEST_COLUMNS } from "./history-schema.ts";

/**
 * Schema 1 kept one SQLite row per request in a `requests` table; schema 2 packs them (history-schema.ts). The old
 * rows move over in id order, 500 to a packed row, and the table gives way to the view of the same name.
 */
function packSchemaOneRows(db: Database): void {
  const table = db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'requests'").get();
  if (!table) return;
  db.run("ALTER TABLE requests RENAME TO requests_v1");
  db.run(HISTORY_SCHEMA);
  const insertRows = createPackedInsert(db);
  const next = db.prepare(`SELECT id, ${REQUEST_COLUMNS.join(", ")} FROM requests_v1 WHERE id > ? ORDER BY id LIMIT 500`);
  for (let after = 0; ; ) {
    const rows = next.values(after) as (string | number | null)[][];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]?.[0] as number;
    insertRows(rows.map((row) => row.slice(1)));
  }
  db.run("DROP TABLE requests_v1");
}

/**
 * Opens (or creates) the history database for writing: the file is 0600 in a 0700 data directory (SQLite gives its
 * -wal and -shm files the database's mode), WAL so readers (`usage`, the dashboard) never block the writer, and
 * synchronous=NORMAL, which in WAL mode loses at most the last batches on power loss, never the file. No busy
 * wait: bun:sqlite is synchronous, so a wait would stall the event loop; a locked file fails here and is reported.
 * Throws on a corrupt, locked or newer file.
 */
export function openHistoryDatabase(path: string): Database {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, "a", 0o600));
  chmodSync(path, 0o600);
  const db = new Database(path, { create: true, strict: true });
  try {
    db.run("PRAGMA busy_timeout = 0");
    db.run("PRAGMA journal_mode = WAL");
    db.run("PRAGMA synchronous = NORMAL");
    const { user_version: version } = db.query("PRAGMA user_version").get() as { user_version: number };
    if (version > HISTORY_SCHEMA_VERSION) throw new Error(`it was written by a newer copilot-relay (schema ${version})`);
    // One write transaction up front: a file another process holds locked fails now, not at the first batch.
    db.transaction(() => {
      if (version === 1) packSchemaOneRows(db);
      db.run(HISTORY_SCHEMA);
      db.run(`PRAGMA user_version = ${HISTORY_SCHEMA_VERSION}`);
    }).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens an existing history database for reading only (the `usage` command), or undefined when there is none. */
export function readHistoryDatabase(path: string): Database | undefined {
  if (!existsSync(path)) return undefined;
  return new Database(path, { readonly: true, strict: true });
}
