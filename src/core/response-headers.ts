/** Headers that describe one hop or the upstream's encoding; Bun's fetch already decoded the body. */
const dropped = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-encoding",
  "content-length",
  "proxy-authenticate",
  "proxy-connection",
  "te",
  "trailer",
  "upgrade",
  "set-cookie",
  "x-request-id",
  "date",
  "server",
]);

export function relayedHeaders(upstream: Headers, requestId: string): Headers {
  const headers = new Headers();
  for (const [name, value] of upstream) {
    if (!dropped.has(name)) headers.set(name, value);
  }
  headers.set("x-request-id", requestId);
  return headers;
}
