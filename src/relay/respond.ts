import { relayedHeaders } from "../core/response-headers.ts";
import type { RelayError } from "../core/relay-error.ts";
import { type SseRelayHooks, relaySse } from "../core/sse-relay.ts";

const decoder = new TextDecoder();

/** Decodes the kept tail chunks; they are whole SSE events, so no character is split between them. */
export const tailText = (tail: Uint8Array[]): string => tail.map((chunk) => decoder.decode(chunk)).join("");

/** Relays a successful upstream stream to the client untouched (see core/sse-relay.ts). */
export function streamResponse(upstream: Response, requestId: string, hooks: SseRelayHooks): Response {
  const headers = relayedHeaders(upstream.headers, requestId);
  headers.set("content-type", "text/event-stream; charset=utf-8");
  headers.set("cache-control", "no-cache");
  if (!upstream.body) {
    hooks.onEnd("done", [], undefined);
    return new Response("", { status: upstream.status, headers });
  }
  return new Response(relaySse(upstream.body, hooks), { status: upstream.status, headers });
}

/** Buffers a non-streaming upstream answer (so a failure mid-body becomes a proper error) and relays its bytes. */
export async function bufferedResponse(upstream: Response, requestId: string): Promise<{ response: Response; bytes: Uint8Array }> {
  const bytes = new Uint8Array(await upstream.arrayBuffer());
  return { response: new Response(bytes, { status: upstream.status, headers: relayedHeaders(upstream.headers, requestId) }), bytes };
}

export const asRelayError = (error: unknown, fallback: (error: unknown) => RelayError): RelayError =>
  (error as RelayError)?.name === "RelayError" ? (error as RelayError) : fallback(error);
