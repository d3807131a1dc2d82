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

const encoder = new TextEncoder();

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

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const interval = options.pingIntervalMs ?? 15_000;
        if (!out.ping) return;
        pingTimer = setInterval(() => {
          if (finished || performance.now() - lastWrite < interval) return;
          const ping = out.ping?.() ?? "";
          if (ping) controller.enqueue(encoder.encode(ping));
          lastWrite = performance.now();
        }, Math.max(10, Math.min(interval, 1000)));
        (pingTimer as { unref?: () => void }).unref?.();
      },
      async pull(controller) {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (timedOut) throw timedOut;
            watch?.touch();
            const step = done ? decodePayloads(frames.flush()) : decodePayloads(frames.push(value));
            if (done || step.done) {
              const tail = failed ? step.text : step.text + encodeParts(decoder.flush()) + out.flush();
              if (tail) controller.enqueue(encoder.encode(tail));
              controller.close();
              if (!done) void reader.cancel().catch(() => {});
              finish(failed ? "error" : "done");
              return;
            }
            if (step.text) {
              lastWrite = performance.now();
              controller.enqueue(encoder.encode(step.text));
              return;
            }
          }
        } catch (error) {
          if (finished) return;
          const tail = fail(error === timedOut ? (error as Error).message : `The upstream stream failed: ${(error as Error)?.message ?? String(error)}`);
          if (tail) controller.enqueue(encoder.encode(tail));
          controller.close();
          finish("error");
        }
      },
      cancel(reason) {
        finish("cancelled");
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
