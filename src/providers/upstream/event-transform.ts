import { createNdjsonParser } from "../../core/ndjson-parser.ts";
import { createSseParser, type SseEvent } from "../../core/sse-parser.ts";
import type { Framing } from "../../protocols/dialect.ts";

/** Rewrites one event's JSON text (an SSE `data:` payload or one NDJSON line); returns it unchanged when nothing applies. */
export type EventRewrite = (json: string) => string;

/** An SSE event written back with its data rewritten (a multi-line payload as several `data:` lines, as it came). */
function sseEvent(event: SseEvent, rewrite: EventRewrite): string {
  const data = event.data === "[DONE]" || event.data.trim() === "" ? event.data : rewrite(event.data);
  return `${event.event === undefined ? "" : `event: ${event.event}\n`}data: ${data.replaceAll("\n", "\ndata: ")}\n\n`;
}

/**
 * Applies response transforms to a streamed answer event by event, on the relay's own stream parsers (bytes decoded
 * statefully, so a character split across network chunks stays whole; CRLF and multi-line data handled there).
 * Comments and `id:` fields are not carried over. Cancelling the result cancels the upstream body.
 */
export function transformEventStream(body: ReadableStream<Uint8Array>, framing: Framing, rewrite: EventRewrite): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let step: (bytes: Uint8Array | undefined) => string;
  if (framing === "sse") {
    const parser = createSseParser();
    step = (bytes) => (bytes ? parser.push(bytes) : parser.flush()).map((event) => sseEvent(event, rewrite)).join("");
  } else {
    const parser = createNdjsonParser();
    step = (bytes) => (bytes ? parser.push(bytes) : parser.flush()).map((line) => `${rewrite(line)}\n`).join("");
  }
  const emit = (controller: TransformStreamDefaultController<Uint8Array>, text: string) => {
    if (text !== "") controller.enqueue(encoder.encode(text));
  };
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform: (chunk, controller) => emit(controller, step(chunk)),
      flush: (controller) => emit(controller, step(undefined)),
    }),
  );
}
