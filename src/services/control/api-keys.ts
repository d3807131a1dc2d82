import { createHash, timingSafeEqual } from "node:crypto";

export interface ApiKeyCheck {
  /** Keys are configured, so every protected route needs one. */
  required: boolean;
  /** The matching key's name for logs (`key-` + 8 hex chars of its SHA-256), or undefined. */
  check(presented: string | undefined): string | undefined;
}

const sha256 = (text: string): Buffer => createHash("sha256").update(text).digest();

/** A name a log line may carry: it identifies the key without revealing it. */
export const apiKeyName = (key: string): string => `key-${sha256(key).toString("hex").slice(0, 8)}`;

/**
 * Client API keys (issue 8), compared in constant time: digests of equal length are compared with
 * timingSafeEqual, so neither the key's length nor the position of the first wrong byte shows in the timing, and
 * every configured key is compared, so neither does which key matched.
 */
export function createApiKeyCheck(keys: string[]): ApiKeyCheck {
  const known = keys.filter((key) => key.length > 0).map((key) => ({ digest: sha256(key), name: apiKeyName(key) }));
  // Keys already proven valid skip the hashing (~1.5 µs a request). Only valid keys are remembered, so the cache
  // holds at most the configured keys and a wrong key always takes the constant-time path.
  const proven = new Map<string, string>();
  return {
    required: known.length > 0,
    check(presented) {
      if (presented === undefined || known.length === 0) return undefined;
      const remembered = proven.get(presented);
      if (remembered !== undefined) return remembered;
      const digest = sha256(presented);
      let match: string | undefined;
      for (const key of known) {
        if (timingSafeEqual(digest, key.digest)) match ??= key.name;
      }
      if (match !== undefined) proven.set(presented, match);
      return match;
    },
  };
}

/** The key a client sent: `Authorization: Bearer <key>` (OpenAI SDKs, the Anthropic SDK) or `x-api-key` (Claude Code). */
export function presentedKey(headers: Headers): string | undefined {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (match?.[1]) return match[1];
  }
  const apiKey = headers.get("x-api-key")?.trim();
  return apiKey ? apiKey : undefined;
}
