import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addRow, createBatchWriter, emptyBatch, mergeBatch } from "../../src/services/history/history-batch.ts";
import { openHistoryDatabase } from "../../src/services/history/open-history-database.ts";
import type { RequestRecord } from "../../src/services/request-recorder.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test("batches of every size land whole and in order (rows go in as multi-row statements of a few sizes)", () => {
  const dir = mkdtempSync(join(tmpdir(), "relay-history-batch-"));
  dirs.push(dir);
  const db = openHistoryDatabase(join(dir, "history.sqlite"));
  const write = createBatchWriter(db);
  const record = (index: number): RequestRecord =>
    ({ requestId: `req-${index}`, dialect: "openai-chat", route: "/v1/chat/completions", upstream: "copilot", model: "gpt-4.1", initiator: "user", stream: false, status: 200, outcome: "done", durationMs: index, multiplier: 1 }) as RequestRecord;
  let written = 0;
  const batchOf = (size: number) => {
    const batch = emptyBatch();
    for (let index = 0; index < size; index++, written++) addRow(batch, record(written), 1_000 + written, "2026-12-02");
    return batch;
  };
  for (const size of [1, 2, 3, 37, 49, 50, 51, 99, 100, 163]) write(batchOf(size));
  // A batch that could not be written goes back in front of the newer rows.
  write(mergeBatch(batchOf(30), batchOf(25)));
  const rows = db.query("SELECT request_id, duration_ms FROM requests ORDER BY id").all() as { request_id: string; duration_ms: number }[];
  expect(rows).toHaveLength(written);
  expect(rows.every((row, index) => row.request_id === `req-${index}` && row.duration_ms === index)).toBe(true);
  expect(db.query("SELECT requests FROM daily_models").get()).toEqual({ requests: written });
  db.close();
});
