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

/**
 * The upstream's response headers a client may see, plus the request id, as a plain record: the Response is built
 * from it in one conversion, where a Headers object costs a native call per header.
 */
export function relayedHeaders(upstream: Headers, requestId: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of upstream) {
    if (!dropped.has(name)) headers[name] = value;
  }
  headers["x-request-id"] = requestId;
  return headers;
}
