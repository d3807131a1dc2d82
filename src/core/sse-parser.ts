/** One dispatched server-sent event. `event` is absent for the default ("message") type. */
export interface SseEvent {
  event?: string;
  data: string;
}

export interface SseParser<Event = SseEvent> {
  /** Feeds raw bytes; returns the events completed by them (possibly none). */
  push(bytes: Uint8Array): Event[];
  /** Ends the stream: decodes what is left and dispatches a final event that lacked its blank line. */
  flush(): Event[];
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * An incremental parser for `text/event-stream` (https://html.spec.whatwg.org/multipage/server-sent-events.html).
 * Bytes may be split anywhere: inside a UTF-8 character (the decoder keeps the partial sequence), inside a line,
 * or between the `\r` and `\n` of a CRLF. Comments (`:`), `id` and `retry` fields are ignored; a proxy has no use
 * for reconnection. Unlike a browser, an event that is missing its final blank line is still dispatched on flush:
 * upstreams that close right after the last `data:` line should not lose it.
 *
 * Translated streams parse every upstream event here, so the common case is kept cheap: lines are found with
 * `indexOf` (native) rather than a loop over characters, `data:` and `event:` lines are recognised by prefix, and a
 * one-line event's data is the line itself. Text with a `\r` anywhere takes the general, character-wise path.
 */
export function createSseParser(): SseParser {
  return createParser((event, data) => (event === undefined ? { data } : { event, data }));
}

/** The events' data only, which is all a translator reads: no object is made per event. */
export function createSseDataParser(): SseParser<string> {
  return createParser((_, data) => data);
}

function createParser<Event>(toEvent: (event: string | undefined, data: string) => Event): SseParser<Event> {
  // The decoder drops a leading byte-order mark itself (ignoreBOM defaults to false), as the spec asks.
  const decoder = new TextDecoder("utf-8");
  let buffer = "";
  let data: string | undefined;
  let extraData: string[] | undefined;
  let eventType: string | undefined;

  const dispatch = (out: Event[]) => {
    if (data !== undefined) out.push(toEvent(eventType, extraData ? [data, ...extraData].join("\n") : data));
    data = undefined;
    extraData = undefined;
    eventType = undefined;
  };

  const addData = (value: string) => {
    if (data === undefined) data = value;
    else (extraData ??= []).push(value);
  };

  const processLine = (line: string, out: Event[]) => {
    if (line === "") return dispatch(out);
    if (line.startsWith("data:")) return addData(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
    if (line.startsWith("event:")) {
      eventType = line.charCodeAt(6) === 32 ? line.slice(7) : line.slice(6);
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") addData(value);
    else if (field === "event") eventType = value;
  };

  /** Lines ended by `\n` alone: the usual case. A `data:` line's value and a blank line are taken in place. */
  const drainNewlines = (out: Event[]) => {
    let start = 0;
    for (let newline = buffer.indexOf("\n"); newline !== -1; newline = buffer.indexOf("\n", start)) {
      if (newline === start) dispatch(out);
      else if (buffer.startsWith("data:", start)) addData(buffer.slice(buffer.charCodeAt(start + 5) === 32 ? start + 6 : start + 5, newline));
      else processLine(buffer.slice(start, newline), out);
      start = newline + 1;
    }
    buffer = start === 0 ? buffer : buffer.slice(start);
  };

  /** Any mix of `\r\n`, `\n` and `\r`; a trailing `\r` waits, since its `\n` may be in the next chunk. */
  const drainAnyEndings = (out: Event[], final: boolean) => {
    let start = 0;
    for (let index = 0; index < buffer.length; index++) {
      const char = buffer.charCodeAt(index);
      if (char !== LF && char !== CR) continue;
      if (char === CR) {
        if (index + 1 === buffer.length && !final) break;
        processLine(buffer.slice(start, index), out);
        if (buffer.charCodeAt(index + 1) === LF) index++;
      } else {
        processLine(buffer.slice(start, index), out);
      }
      start = index + 1;
    }
    buffer = buffer.slice(start);
  };

  const feed = (text: string, out: Event[], final: boolean) => {
    buffer = buffer === "" ? text : buffer + text;
    if (buffer.indexOf("\r") === -1) drainNewlines(out);
    else drainAnyEndings(out, final);
  };

  return {
    push(bytes) {
      const out: Event[] = [];
      feed(decoder.decode(bytes, { stream: true }), out, false);
      return out;
    },
    flush() {
      const out: Event[] = [];
      feed(decoder.decode(), out, true);
      if (buffer.length > 0) processLine(buffer, out);
      buffer = "";
      dispatch(out);
      return out;
    },
  };
}
