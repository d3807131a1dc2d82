import { createFrameParser, type StreamFraming } from "../core/frame-parser.ts";
import type { HubStreamPart, HubUsage } from "../core/hub/index.ts";
import type { StreamDecoder, StreamEncoder } from "../protocols/dialect.ts";

export interface TranslateStreamOptions {
  /** How the upstream frames its stream. */
  framing?: StreamFraming;
  decoder: StreamDecoder;
  encoder: StreamEncoder;
  /** Keep-alive while the upstream is silent (Anthropic sends `ping`; proxies cut idle streams). */
  pingIntervalMs?: number;
  onEnd: (outcome: "done" | "cancelled" | "error", usage: Partial<HubUsage> | undefined) => void;
  /** Watches the upstream for silence (see SseRelayHooks.watch); a timeout ends the stream with the error event. */
  watch?: (onTimeout: (error: Error) => void) => { touch(): void; stop(): void };
}

type Step = { text: string; done: boolean };

/**
 * An upstream stream in one dialect → the client's stream in another, through the hub: frames are parsed (UTF-8
 * decoded statefully), each JSON payload is decoded into hub parts, and the parts are encoded for the client. Every
 * ending is well-formed: a clean end flushes both sides; an upstream failure, or a payload that is not JSON (a
 * malformed upstream), becomes the client dialect's error event; a client that leaves cancels the upstream.
 */
export function translateStream(body: ReadableStream<Uint8Array>, options: TranslateStreamOptions): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const frames = createFrameParser(options.framing ?? "sse");
  const { decoder, encoder: out } = options;
  let usage: Partial<HubUsage> | undefined;
  let finished = false;
  let failed = false;
  let lastWrite = performance.now();
  let pingTimer: ReturnType<typeof setInterval> | undefined;

  let timedOut: Error | undefined;
  const watch = options.watch?.((error) => {
    timedOut = error;
    void reader.cancel(error).catch(() => {});
  });
  const finish = (outcome: "done" | "cancelled" | "error") => {
    if (finished) return;
    finished = true;
    clearInterval(pingTimer);
    watch?.stop();
    options.onEnd(outcome, usage);
  };
  const encodeParts = (parts: HubStreamPart[]): string => {
    let text = "";
    for (const part of parts) {
      if (part.type === "message-end") usage = usage ? { ...usage, ...part.usage } : part.usage;
      else if (part.type === "error") failed = true;
      text += out.push(part);
    }
    return text;
  };
  const fail = (message: string): string => {
    failed = true;
    // No decoder flush here: it would invent a clean message-end for a message that did not end.
    return out.push({ type: "error", error: { status: 502, type: "api_error", message } }) + out.flush();
  };
  const decodePayloads = (payloads: string[]): Step => {
    let text = "";
    for (const payload of payloads) {
      if (payload === "[DONE]") return { text, done: true };
      if (payload === "") continue;
      let json: unknown;
      try {
        json = JSON.parse(payload);
      } catch {
        return { text: text + fail(`The upstream sent a malformed stream event: ${payload.slice(0, 120)}`), done: true };
      }
      text += encodeParts(decoder.push(json));
      if (failed) return { text, done: true };
    }
    return { text, done: false };
  };

  // A direct stream (Bun): each event's text is written to the response as it is, with no TextEncoder copy, no
  // queue and no promise per chunk; Bun encodes the string into the socket's buffer. One pull runs the whole stream.
  const source: Bun.DirectUnderlyingSource<Uint8Array> = {
    type: "direct",
    async pull(controller) {
      const write = (text: string): void | Promise<unknown> => {
        lastWrite = performance.now();
        const written = controller.write(text);
        // A promise means the client's socket is full: stop reading the upstream until it drains.
        return written instanceof Promise ? written : undefined;
      };
      const interval = options.pingIntervalMs ?? 15_000;
      if (out.ping) {
        pingTimer = setInterval(() => {
          if (finished || performance.now() - lastWrite < interval) return;
          const ping = out.ping?.() ?? "";
          if (ping) void write(ping);
        }, Math.max(10, Math.min(interval, 1000)));
        (pingTimer as { unref?: () => void }).unref?.();
      }
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (finished) return;
          if (timedOut) throw timedOut;
          watch?.touch();
          const step = done ? decodePayloads(frames.flush()) : decodePayloads(frames.push(value));
          if (done || step.done) {
            const tail = failed ? step.text : step.text + encodeParts(decoder.flush()) + out.flush();
            if (tail) await write(tail);
            if (!done) void reader.cancel().catch(() => {});
            finish(failed ? "error" : "done");
            controller.close();
            return;
          }
          if (step.text) await write(step.text);
        }
      } catch (error) {
        if (finished) return;
        const tail = fail(error === timedOut ? (error as Error).message : `The upstream stream failed: ${(error as Error)?.message ?? String(error)}`);
        finish("error");
        try {
          if (tail) await write(tail);
          controller.close();
        } catch {
          // The client left while the error event was written.
        }
      }
    },
    cancel(reason) {
      finish("cancelled");
      return reader.cancel(reason).catch(() => {});
    },
  };
  return new ReadableStream<Uint8Array>(source);
}
