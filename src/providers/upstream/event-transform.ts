import type { Framing } from "../../protocols/dialect.ts";

/** Rewrites one event's JSON text (an SSE `data:` payload or one NDJSON line); returns it unchanged when nothing applies. */
export type EventRewrite = (json: string) => string;

const encoder = new TextEncoder();

/** One SSE event (the text between blank lines) with each JSON `data:` line rewritten. */
function rewriteSseEvent(event: string, rewrite: EventRewrite): string {
  if (!event.includes("data:")) return event;
  return event
    .split("\n")
    .map((line) => {
      if (!line.startsWith("data:")) return line;
      const payload = line.slice(line.startsWith("data: ") ? 6 : 5);
      if (payload === "[DONE]" || payload.trim() === "") return line;
      return `data: ${rewrite(payload)}`;
    })
    .join("\n");
}

/**
 * Applies response transforms to a streamed answer event by event: bytes are decoded statefully (a character split
 * across network chunks stays whole), split at event boundaries (a blank line for SSE, a newline for NDJSON), each
 * event rewritten, and encoded again. Cancelling the result cancels the upstream body.
 */
export function transformEventStream(body: ReadableStream<Uint8Array>, framing: Framing, rewrite: EventRewrite): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const separator = framing === "sse" ? "\n\n" : "\n";
  const rewriteOne = framing === "sse" ? (event: string) => rewriteSseEvent(event, rewrite) : (line: string) => (line.trim() === "" ? line : rewrite(line));
  let pending = "";
  const drain = (controller: TransformStreamDefaultController<Uint8Array>, final: boolean) => {
    let out = "";
    for (let at = pending.indexOf(separator); at !== -1; at = pending.indexOf(separator)) {
      out += rewriteOne(pending.slice(0, at)) + separator;
      pending = pending.slice(at + separator.length);
    }
    if (final && pending !== "") {
      out += rewriteOne(pending);
      pending = "";
    }
    if (out !== "") controller.enqueue(encoder.encode(out));
  };
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        // SSE allows CRLF line ends; events are split on LF only, so normalise them first.
        pending = (pending + decoder.decode(chunk, { stream: true })).replaceAll("\r\n", "\n");
        drain(controller, false);
      },
      flush(controller) {
        pending += decoder.decode();
        drain(controller, true);
      },
    }),
  );
}
