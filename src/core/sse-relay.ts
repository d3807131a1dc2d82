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
  /** Called once with how the stream ended, its last events and its first one (usage lives at either end). */
  onEnd: (outcome: "done" | "cancelled" | "error", tail: Uint8Array[], head: Uint8Array | undefined) => void;
  /** Drop a trailing `data: [DONE]` event (Copilot adds one to Anthropic streams). */
  dropDone?: boolean;
}

const LF = 0x0a;
const TAIL_CHUNKS = 4;
const encoder = new TextEncoder();
const DONE = encoder.encode("data: [DONE]");

/** Index just past the last blank line (`\n\n` or `\n\r\n`), or -1. */
function lastBoundary(bytes: Uint8Array): number {
  const end = bytes.length;
  if (end >= 2 && bytes[end - 1] === LF && (bytes[end - 2] === LF || (bytes[end - 2] === 0x0d && bytes[end - 3] === LF))) return end;
  for (let index = end - 1; index > 0; index--) {
    if (bytes[index] === LF && (bytes[index - 1] === LF || (bytes[index - 1] === 0x0d && bytes[index - 2] === LF))) return index + 1;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
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

export function relaySse(body: ReadableStream<Uint8Array>, hooks: SseRelayHooks): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const tail: Uint8Array[] = [];
  let head: Uint8Array | undefined;
  let pending: Uint8Array | undefined;
  let ended = false;
  const end = (outcome: "done" | "cancelled" | "error") => {
    if (ended) return;
    ended = true;
    hooks.onEnd(outcome, tail, head);
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) {
              if (pending && pending.length > 0) controller.enqueue(hooks.dropDone ? withoutDone(pending) : pending);
              controller.close();
              end("done");
              return;
            }
            const chunk = pending ? concat(pending, value) : value;
            const boundary = lastBoundary(chunk);
            if (boundary === -1) {
              pending = chunk;
              continue;
            }
            pending = boundary < chunk.length ? chunk.slice(boundary) : undefined;
            let complete = boundary < chunk.length ? chunk.subarray(0, boundary) : chunk;
            if (hooks.dropDone) complete = withoutDone(complete);
            head ??= complete;
            tail.push(complete);
            if (tail.length > TAIL_CHUNKS) tail.shift();
            if (complete.length > 0) {
              controller.enqueue(complete);
              return;
            }
          }
        } catch (error) {
          if (ended) return;
          controller.enqueue(encoder.encode(hooks.errorEvent(error)));
          controller.close();
          end("error");
        }
      },
      cancel(reason) {
        end("cancelled");
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
