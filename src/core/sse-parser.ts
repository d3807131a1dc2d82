/** One dispatched server-sent event. `event` is absent for the default ("message") type. */
export interface SseEvent {
  event?: string;
  data: string;
}

export interface SseParser {
  /** Feeds raw bytes; returns the events completed by them (possibly none). */
  push(bytes: Uint8Array): SseEvent[];
  /** Ends the stream: decodes what is left and dispatches a final event that lacked its blank line. */
  flush(): SseEvent[];
}

/**
 * An incremental parser for `text/event-stream` (https://html.spec.whatwg.org/multipage/server-sent-events.html).
 * Bytes may be split anywhere: inside a UTF-8 character (the decoder keeps the partial sequence), inside a line,
 * or between the `\r` and `\n` of a CRLF. Comments (`:`), `id` and `retry` fields are ignored; a proxy has no use
 * for reconnection. Unlike a browser, an event that is missing its final blank line is still dispatched on flush:
 * upstreams that close right after the last `data:` line should not lose it.
 */
export function createSseParser(): SseParser {
  // The decoder drops a leading byte-order mark itself (ignoreBOM defaults to false), as the spec asks.
  const decoder = new TextDecoder("utf-8");
  let buffer = "";
  let dataLines: string[] = [];
  let eventType: string | undefined;
  let sawData = false;

  const dispatch = (out: SseEvent[]) => {
    if (sawData) out.push(eventType === undefined ? { data: dataLines.join("\n") } : { event: eventType, data: dataLines.join("\n") });
    dataLines = [];
    eventType = undefined;
    sawData = false;
  };

  const processLine = (line: string, out: SseEvent[]) => {
    if (line === "") return dispatch(out);
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") {
      dataLines.push(value);
      sawData = true;
    } else if (field === "event") {
      eventType = value;
    }
  };

  /** Splits complete lines off the buffer; a trailing `\r` waits, since its `\n` may be in the next chunk. */
  const drainLines = (out: SseEvent[], final: boolean) => {
    let start = 0;
    for (let index = 0; index < buffer.length; index++) {
      const char = buffer.charCodeAt(index);
      if (char !== 0x0a && char !== 0x0d) continue;
      if (char === 0x0d) {
        if (index + 1 === buffer.length && !final) break;
        processLine(buffer.slice(start, index), out);
        if (buffer.charCodeAt(index + 1) === 0x0a) index++;
      } else {
        processLine(buffer.slice(start, index), out);
      }
      start = index + 1;
    }
    buffer = buffer.slice(start);
  };

  const feed = (text: string, out: SseEvent[], final: boolean) => {
    buffer += text;
    drainLines(out, final);
  };

  return {
    push(bytes) {
      const out: SseEvent[] = [];
      feed(decoder.decode(bytes, { stream: true }), out, false);
      return out;
    },
    flush() {
      const out: SseEvent[] = [];
      feed(decoder.decode(), out, true);
      if (buffer.length > 0) processLine(buffer, out);
      buffer = "";
      dispatch(out);
      return out;
    },
  };
}
