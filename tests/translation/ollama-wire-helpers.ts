import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createFrameParser } from "../../src/core/frame-parser.ts";
import type { HubStreamPart } from "../../src/core/hub/index.ts";
import type { StreamDecoder, StreamEncoder } from "../../src/protocols/dialect.ts";
import { createOllamaChatStreamDecoder, ollamaChatDialect } from "../../src/protocols/ollama/index.ts";
import { split } from "./helpers.ts";

/** A recorded `/api/chat` stream, as the bytes Ollama sends (one JSON object per line). */
export const ollamaStreamFixture = (name: string): string => readFileSync(join(import.meta.dir, "fixtures", "ollama-streams", name), "utf8");

/** JSON lines → an NDJSON body. */
export const ndjsonBody = (lines: readonly unknown[]): string => lines.map((line) => `${JSON.stringify(line)}\n`).join("");

/**
 * Upstream NDJSON bytes (chopped into `pieceSize` pieces) → the framing the Ollama wire declares → its decoder →
 * hub parts, flushed at the end of the body. The tool-call id suffix is fixed so ids are stable.
 */
export function decodeOllamaStream(body: string, pieceSize = Number.POSITIVE_INFINITY, decoder: StreamDecoder = createOllamaChatStreamDecoder("t")): HubStreamPart[] {
  const frames = createFrameParser(ollamaChatDialect.wire?.framing ?? "sse");
  const bytes = new TextEncoder().encode(body);
  const parts: HubStreamPart[] = [];
  const read = (lines: string[]) => {
    for (const line of lines) parts.push(...decoder.push(JSON.parse(line)));
  };
  for (const piece of split(bytes, Number.isFinite(pieceSize) ? pieceSize : bytes.length)) read(frames.push(piece));
  read(frames.flush());
  return [...parts, ...decoder.flush()];
}

/** The same, on into a client's stream encoder: the client-visible text. */
export function pipeOllamaStream(body: string, encoder: StreamEncoder, pieceSize = Number.POSITIVE_INFINITY): string {
  return decodeOllamaStream(body, pieceSize).map((part) => encoder.push(part)).join("") + encoder.flush();
}
