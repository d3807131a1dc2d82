/**
 * A byte stream that writes each frame as its own network write, splits the first multi-byte
 * UTF-8 character of every frame that has one across two writes, and reports clients that go away early.
 */

export interface FrameStreamOptions {
  /** Pause before every frame (after the first); negative: no pause at all, frames go out back to back. */
  frameDelayMs: number;
  /** Extra pause before specific frames, by index (e.g. [[slow]]). */
  delayBefore?: (index: number) => number;
  /** After the frames, break the stream with an error instead of closing it. */
  errorAtEnd?: boolean;
  /** After the frames, neither close nor break: the stream stays open until the client leaves (a cancel). */
  stallAtEnd?: boolean;
  /** Request signal: aborts when the client disconnects. */
  signal: AbortSignal;
  /** Called at most once when the client went away before the stream finished. */
  onCancel: () => void;
  /**
   * Send no faster than the client reads, as a real server writing into a full socket does (the huge fault): a
   * frame waits while the stream's queue is full. Off for the benchmark's back-to-back streams.
   */
  paced?: boolean;
  /** Told the size of every write. */
  onSent?: (bytes: number) => void;
}

const encoder = new TextEncoder();
/** Pause between the two halves of a split character, so they surely travel separately. */
const SPLIT_PAUSE_MS = 2;
/** Pause between the last frame and a deliberate break. */
const BREAK_GRACE_MS = 50;

/** Byte index inside the first multi-byte character (4-byte ones preferred), or -1. */
export function splitPoint(bytes: Uint8Array): number {
  let fallback = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b >= 0xf0) return i + 2;
    if (b >= 0xc0 && fallback < 0) fallback = i + 1;
  }
  return fallback;
}

export function frameStream(frames: readonly string[], opts: FrameStreamOptions): ReadableStream<Uint8Array> {
  let finished = false;
  let cancelled = false;
  const cancel = (): void => {
    if (finished || cancelled) return;
    cancelled = true;
    opts.onCancel();
  };
  opts.signal.addEventListener("abort", cancel);

  const pause = async (ms: number): Promise<void> => {
    if (ms > 0) await Bun.sleep(ms);
    else await Bun.sleep(0);
  };

  const run = async (controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> => {
    for (let i = 0; i < frames.length; i++) {
      // A negative delay writes the frames back to back, as a fast upstream's bursts arrive (the benchmark's case).
      const delay = Math.max(0, opts.frameDelayMs) + (opts.delayBefore?.(i) ?? 0);
      if (i > 0 && (opts.frameDelayMs >= 0 || delay > 0)) await pause(delay);
      if (opts.paced) while ((controller.desiredSize ?? 1) <= 0 && !cancelled && !opts.signal.aborted) await pause(1);
      if (cancelled || opts.signal.aborted) return cancel();
      const bytes = encoder.encode(frames[i] ?? "");
      const cut = splitPoint(bytes);
      if (cut > 0) {
        controller.enqueue(bytes.slice(0, cut));
        await pause(SPLIT_PAUSE_MS);
        if (cancelled || opts.signal.aborted) return cancel();
        controller.enqueue(bytes.slice(cut));
      } else {
        controller.enqueue(bytes);
      }
      opts.onSent?.(bytes.length);
    }
    // A stalled stream is never finished, so the client leaving is counted like any early cancel.
    if (opts.stallAtEnd === true) return;
    finished = true;
    opts.signal.removeEventListener("abort", cancel);
    if (opts.errorAtEnd === true) {
      // An errored stream drops what Bun has not taken yet, and a client (Bun's fetch included) drops what it
      // received but has not read when the reset arrives: wait until every frame was taken, then long enough for
      // a client that reads as frames come to have read them.
      while ((controller.desiredSize ?? 1) <= 0) await pause(1);
      await pause(Math.max(opts.frameDelayMs, BREAK_GRACE_MS));
      // An `undefined` reason still resets the connection, without Bun logging a stack trace.
      controller.error(undefined);
    } else {
      controller.close();
    }
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      run(controller).catch(() => cancel());
    },
    cancel() {
      cancel();
    },
  });
}
