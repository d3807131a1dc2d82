import { createNdjsonParser } from "./ndjson-parser.ts";
import { createSseDataParser } from "./sse-parser.ts";

export type StreamFraming = "sse" | "ndjson";

/** Upstream stream bytes → the text payloads they carry: SSE `data:` fields or NDJSON lines. */
export interface FrameParser {
  push(bytes: Uint8Array): string[];
  flush(): string[];
}

export function createFrameParser(framing: StreamFraming): FrameParser {
  if (framing === "ndjson") return createNdjsonParser();
  return createSseDataParser();
}
