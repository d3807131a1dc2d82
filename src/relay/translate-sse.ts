import type { HubStreamPart, HubUsage } from "../core/hub/index.ts";
import { createSseParser } from "../core/sse-parser.ts";

export interface StreamDecoder {
  push(chunk: unknown): HubStreamPart[];
  flush(): HubStreamPart[];
}

export interface StreamEncoder {
  push(part: HubStreamPart): string;
  flush(): string;
  ping(): string;
}

export interface TranslateSseOptions {
  decoder: StreamDecoder;
  encoder: StreamEncoder;
  /** Keep-alive while the upstream is silent (Anthropic sends `ping`; proxies cut idle streams). */
  pingIntervalMs?: number;
  onEnd: (outcome: "done" | "cancelled" | "error", usage: Partial<HubUsage> | undefined) => void;
}

const encoder = new TextEncoder();

/**
 * Upstream SSE in one dialect → client SSE in another, through the hub: parse events (UTF-8 decoded statefully),
 * decode each JSON payload into hub parts, encode them for the client. Every ending is well-formed: a clean end
 * flushes both sides, an upstream failure becomes the client dialect's error event, and a client that leaves
 * cancels the upstream.
 */
export function translateSse(body: ReadableStream<Uint8Array>, options: TranslateSseOptions): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const parser = createSseParser();
  const { decoder, encoder: out } = options;
  let usage: Partial<HubUsage> | undefined;
  let finished = false;
  let lastWrite = performance.now();
  let pingTimer: ReturnType<typeof setInterval> | undefined;

  const finish = (outcome: "done" | "cancelled" | "error") => {
    if (finished) return;
    finished = true;
    clearInterval(pingTimer);
    options.onEnd(outcome, usage);
  };
  const encodeParts = (parts: HubStreamPart[]): string => {
    let text = "";
    for (const part of parts) {
      if (part.type === "message-end") usage = { ...usage, ...part.usage };
      text += out.push(part);
    }
    return text;
  };
  const decodeEvents = (events: { data: string }[]): { text: string; done: boolean } => {
    let text = "";
    for (const event of events) {
      if (event.data === "[DONE]") return { text, done: true };
      if (event.data === "") continue;
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        continue; // A torn or non-JSON event is skipped rather than ending the stream.
      }
      text += encodeParts(decoder.push(json));
    }
    return { text, done: false };
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const interval = options.pingIntervalMs ?? 15_000;
        pingTimer = setInterval(() => {
          if (finished || performance.now() - lastWrite < interval) return;
          const ping = out.ping();
          if (ping) controller.enqueue(encoder.encode(ping));
          lastWrite = performance.now();
        }, Math.max(10, Math.min(interval, 1000)));
        (pingTimer as { unref?: () => void }).unref?.();
      },
      async pull(controller) {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            const { text, done: sawDone } = done ? decodeEvents(parser.flush()) : decodeEvents(parser.push(value));
            if (done || sawDone) {
              const tail = text + encodeParts(decoder.flush()) + out.flush();
              if (tail) controller.enqueue(encoder.encode(tail));
              controller.close();
              if (!done) void reader.cancel().catch(() => {});
              finish("done");
              return;
            }
            if (text) {
              lastWrite = performance.now();
              controller.enqueue(encoder.encode(text));
              return;
            }
          }
        } catch (error) {
          if (finished) return;
          const message = `The upstream stream failed: ${(error as Error)?.message ?? String(error)}`;
          // No decoder flush here: it would invent a clean message-end for a message that did not end.
          const tail = out.push({ type: "error", error: { status: 502, type: "api_error", message } }) + out.flush();
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
