/**
 * Streams upstream SSE bytes to the client untouched, with three small duties that need no SSE parse:
 * - chunks are forwarded at event boundaries (a partial event waits for its rest), so that an upstream failure
 *   can be followed by a well-formed error event instead of a torn line;
 * - the last few chunks are kept so usage can be read from the tail after the stream ends;
 * - a client that leaves cancels the upstream body, which aborts the upstream request.
 */
export interface SseRelayHooks {
  /** The event to send when the upstream fails mid-stream, in the client's dialect. */
  errorEvent: (error: unknown) => string;
  /**
   * Called once with how the stream ended, its last bytes (at most TAIL_BYTES, ending on an event boundary) and
   * its first chunk's start (at most HEAD_BYTES): usage lives at either end.
   */
  onEnd: (outcome: "done" | "cancelled" | "error", tail: Uint8Array, head: Uint8Array | undefined) => void;
  /** Drop a trailing `data: [DONE]` event (Copilot adds one to Anthropic streams). */
  dropDone?: boolean;
  /**
   * Starts watching the stream for silence (first-byte and idle timeouts); `onTimeout` cancels the upstream and the
   * stream ends with the error event.
   */
  watch?: (onTimeout: (error: Error) => void) => { touch(): void; stop(): void };
}

const LF = 0x0a;
/** Usage sits in the last event or two (and, for Anthropic, the first); this much of either end holds them. */
const TAIL_BYTES = 4096;
const HEAD_BYTES = 4096;
const encoder = new TextEncoder();
const DONE = encoder.encode("data: [DONE]");

const CR = 0x0d;

/**
 * Index just past the last blank line (`\n\n` or `\n\r\n`) in `bytes`, or -1. It hops from line end to line end
 * with the typed array's native lastIndexOf: a byte-by-byte loop in JavaScript cost ~14 µs per 45 KB event.
 */
function lastBoundary(bytes: Uint8Array): number {
  for (let index = bytes.lastIndexOf(LF); index > 0; index = bytes.lastIndexOf(LF, index - 1)) {
    if (bytes[index - 1] === LF || (bytes[index - 1] === CR && bytes[index - 2] === LF)) return index + 1;
  }
  return -1;
}

/** A blank line split between the held-back bytes and the new chunk: its end in the new chunk, or -1. */
function boundaryAcross(held: Uint8Array, next: Uint8Array): number {
  const last = held[held.length - 1];
  const before = held[held.length - 2];
  if (last === LF && next[0] === LF) return 1;
  if (last === LF && next[0] === CR && next[1] === LF) return 2;
  if (last === CR && before === LF && next[0] === LF) return 1;
  return -1;
}

function concat(chunks: Uint8Array[], size = chunks.reduce((sum, chunk) => sum + chunk.length, 0)): Uint8Array {
  const joined = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return joined;
}

/** Removes a final `data: [DONE]` event from an event-aligned chunk. */
function withoutDone(chunk: Uint8Array): Uint8Array {
  let end = chunk.length;
  while (end > 0 && (chunk[end - 1] === LF || chunk[end - 1] === 0x0d)) end--;
  const start = end - DONE.length;
  if (start < 0) return chunk;
  for (let index = 0; index < DONE.length; index++) if (chunk[start + index] !== DONE[index]) return chunk;
  if (start > 0 && chunk[start - 1] !== LF) return chunk;
  return chunk.subarray(0, start);
}

/** The last `limit` bytes of the kept chunks, newest last; chunks are only copied when the window spans several. */
function lastBytes(chunks: Uint8Array[], limit: number): Uint8Array {
  const last = chunks.at(-1);
  if (!last) return new Uint8Array(0);
  if (last.length >= limit || chunks.length === 1) return last.subarray(Math.max(0, last.length - limit));
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  const joined = new Uint8Array(Math.min(size, limit));
  let at = joined.length;
  for (let index = chunks.length - 1; index >= 0 && at > 0; index--) {
    const chunk = chunks[index] as Uint8Array;
    const take = Math.min(at, chunk.length);
    joined.set(chunk.subarray(chunk.length - take), at - take);
    at -= take;
  }
  return joined;
}

export function relaySse(body: ReadableStream<Uint8Array>, hooks: SseRelayHooks): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  // The newest chunks whose total reaches TAIL_BYTES; older ones are let go as the stream moves on.
  const tail: Uint8Array[] = [];
  let tailSize = 0;
  // The stream's first HEAD_BYTES, in the pieces they arrived in (joined once, at the end).
  const head: Uint8Array[] = [];
  let headSize = 0;
  // Bytes after the last complete event, held back until their event ends; only new bytes are ever scanned.
  const held: Uint8Array[] = [];
  let heldSize = 0;
  let ended = false;
  let timedOut: Error | undefined;
  const watch = hooks.watch?.((error) => {
    timedOut = error;
    void reader.cancel(error).catch(() => {});
  });
  const end = (outcome: "done" | "cancelled" | "error") => {
    if (ended) return;
    ended = true;
    watch?.stop();
    hooks.onEnd(outcome, lastBytes(tail, TAIL_BYTES), head.length === 0 ? undefined : head.length === 1 ? head[0] : concat(head));
  };
  const keep = (chunk: Uint8Array) => {
    if (chunk.length === 0) return;
    if (headSize < HEAD_BYTES) {
      const piece = chunk.subarray(0, HEAD_BYTES - headSize);
      head.push(piece);
      headSize += piece.length;
    }
    tail.push(chunk);
    tailSize += chunk.length;
    while (tail.length > 1 && tailSize - (tail[0] as Uint8Array).length >= TAIL_BYTES) tailSize -= (tail.shift() as Uint8Array).length;
  };

  // A direct stream (Bun): each complete run of events goes to the response as it is, with no queue and no promise
  // per chunk; one pull runs the whole stream, waiting only when the client's socket is full.
  const source: Bun.DirectUnderlyingSource<Uint8Array> = {
    type: "direct",
    async pull(controller) {
      const write = (bytes: Uint8Array) => {
        const written = controller.write(bytes);
        return written instanceof Promise ? written : undefined;
      };
      const send = (bytes: Uint8Array) => {
        keep(bytes);
        return bytes.length > 0 ? write(bytes) : undefined;
      };
      // An event that spans reads goes out as the pieces it arrived in, one write each, once its end arrives: a
      // 45 KB event (Responses echoes the request in three of them) comes in several reads, and joining them copied it.
      const sendHeld = async (last: Uint8Array | undefined) => {
        const pieces = held.splice(0);
        heldSize = 0;
        let final = last ?? (pieces.pop() as Uint8Array);
        if (hooks.dropDone) {
          // A `data: [DONE]` split over the last pieces is only seen joined (a rare, tiny copy).
          while (final.length < DONE.length + 4 && pieces.length > 0) final = concat([pieces.pop() as Uint8Array, final]);
          final = withoutDone(final);
        }
        for (const piece of pieces) {
          const written = send(piece);
          if (written) await written;
        }
        await send(final);
      };
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (ended) return;
          if (timedOut) throw timedOut;
          watch?.touch();
          if (done) {
            if (heldSize > 0) await sendHeld(undefined);
            end("done");
            controller.close();
            return;
          }
          let boundary = lastBoundary(value);
          if (boundary === -1 && heldSize > 0) boundary = boundaryAcross(held[held.length - 1] as Uint8Array, value);
          if (boundary === -1) {
            held.push(value);
            heldSize += value.length;
            continue;
          }
          const finished = boundary < value.length ? value.subarray(0, boundary) : value;
          if (heldSize > 0) await sendHeld(finished);
          else {
            const written = send(hooks.dropDone ? withoutDone(finished) : finished);
            if (written) await written;
          }
          if (boundary < value.length) {
            held.push(value.subarray(boundary));
            heldSize = value.length - boundary;
          }
        }
      } catch (error) {
        if (ended) return;
        end("error");
        try {
          await write(encoder.encode(hooks.errorEvent(error)));
          controller.close();
        } catch {
          // The client left while the error event was written.
        }
      }
    },
    cancel(reason) {
      end("cancelled");
      return reader.cancel(reason).catch(() => {});
    },
  };
  return new ReadableStream<Uint8Array>(source);
}
