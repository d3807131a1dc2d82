import { headerMatcher } from "./header-matcher.ts";

/** Credentials a client may present: the relay's own key (Bearer or x-api-key) or anyone else's. Never forwarded. */
export const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "x-api-key", "api-key", "x-goog-api-key", "cookie", "set-cookie"] as const;

/**
 * Headers about this one connection or this one body (RFC 9110 §7.6.1 hop-by-hop, plus framing and encoding: the
 * relay sends its own body, and fetch sets length and negotiates compression itself). Never forwarded, never set.
 */
export const CONNECTION_HEADERS = [
  "host",
  "connection",
  "keep-alive",
  "proxy-*",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "content-length",
  "content-encoding",
  "accept-encoding",
] as const;

/** The relay's own headers (`x-copilot-relay-*`) are between the client and the relay. */
export const RELAY_HEADERS = ["x-copilot-relay-*"] as const;

/** True for a (lower-case) name that no mode forwards from the client. */
export const isAlwaysStripped = headerMatcher([...CREDENTIAL_HEADERS, ...CONNECTION_HEADERS, ...RELAY_HEADERS]);

/** True for a name that `set` / `add` may not write either: the connection's own headers. */
export const isConnectionHeader = headerMatcher(CONNECTION_HEADERS);

/** The names a client's `Connection` header lists are hop-by-hop too (RFC 9110 §7.6.1). */
export function connectionListed(client: Headers): ReadonlySet<string> {
  const value = client.get("connection");
  if (!value) return new Set();
  return new Set(value.split(",").map((name) => name.trim().toLowerCase()).filter((name) => name !== ""));
}
