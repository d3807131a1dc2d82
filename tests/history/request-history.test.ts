import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

/** Requests of every client dialect through real HTTP, and what the history database keeps of them. */
let relay: RelayHarness;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(() => relay.stop());

const MARKER = `prompt-marker-${crypto.randomUUID()}`;

const calls = {
  // Chat Completions streams carry usage only when asked (OpenAI's stream_options), as clients that count tokens do.
  "openai-chat": {
    path: "/v1/chat/completions",
    body: (model: string, stream: boolean) => ({ model, stream, ...(stream && { stream_options: { include_usage: true } }), messages: [{ role: "user", content: MARKER }] }),
  },
  "openai-responses": { path: "/v1/responses", body: (model: string, stream: boolean) => ({ model, stream, input: MARKER }) },
  "anthropic-messages": { path: "/v1/messages", body: (model: string, stream: boolean) => ({ model, stream, max_tokens: 256, messages: [{ role: "user", content: MARKER }] }) },
  "ollama-chat": { path: "/api/chat", body: (model: string, stream: boolean) => ({ model, stream, messages: [{ role: "user", content: MARKER }] }) },
  "ollama-generate": { path: "/api/generate", body: (model: string, stream: boolean) => ({ model, stream, prompt: MARKER }) },
} as const;

async function send(dialect: keyof typeof calls, model: string, stream: boolean): Promise<void> {
  const call = calls[dialect];
  const response = await fetch(`${relay.url}${call.path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(call.body(model, stream)) });
  expect(response.status).toBe(200);
  await response.text();
}

interface Row {
  dialect: string;
  route: string;
  model: string;
  stream: number;
  status: number;
  input_tokens: number | null;
  output_tokens: number | null;
  first_byte_ms: number | null;
  duration_ms: number;
  upstream_ms: number | null;
  relay_ms: number | null;
  multiplier: number;
}

describe("request history through real HTTP", () => {
  test("one row per request of every dialect, streamed usage included, and no prompt or answer text on disk", async () => {
    const sent: [keyof typeof calls, string, boolean][] = [];
    for (const dialect of Object.keys(calls) as (keyof typeof calls)[]) {
      for (const stream of [false, true]) sent.push([dialect, dialect === "anthropic-messages" ? "claude-sonnet-4.5" : "gpt-4.1", stream]);
    }
    for (const [dialect, model, stream] of sent) await send(dialect, model, stream);
    relay.services.history.flush();

    const path = join(relay.home, "history.sqlite");
    const db = new Database(path, { readonly: true });
    const rows = db.query("SELECT * FROM requests ORDER BY id").all() as Row[];
    db.close();
    expect(rows).toHaveLength(sent.length);
    for (const [index, [dialect, model, stream]] of sent.entries()) {
      const row = rows[index] as Row;
      expect(row).toMatchObject({ dialect, route: calls[dialect].path, model, stream: stream ? 1 : 0, status: 200 });
      expect(row.input_tokens).toBeGreaterThan(0);
      expect(row.output_tokens).toBeGreaterThan(0);
      expect(row.upstream_ms).toBeGreaterThanOrEqual(0);
      expect(row.relay_ms).toBeGreaterThanOrEqual(0);
      if (stream) expect(row.first_byte_ms).toBeGreaterThanOrEqual(0);
    }
    expect(rows.find((row) => row.model === "claude-sonnet-4.5")?.multiplier).toBe(1);

    // The WAL holds the newest pages until a checkpoint: search it as well as the main file.
    for (const file of [path, `${path}-wal`, `${path}-shm`].filter((candidate) => existsSync(candidate))) {
      const bytes = readFileSync(file);
      expect(bytes.includes(MARKER)).toBe(false);
      expect(bytes.includes("Hello from")).toBe(false);
    }
    expect(existsSync(`${path}-wal`)).toBe(true);
  });
});
