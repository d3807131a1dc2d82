import { isSecretName } from "./secret-names.ts";

/** Token shapes that are secret whatever their key: GitHub tokens, sk- keys, Bearer credentials. */
const TOKEN_SHAPE = /\b(?:gh[oupsr]_|github_pat_|sk-)[A-Za-z0-9_-]{8,}|\bBearer\s+\S+/i;

/** The first 4 characters and "…"; a value of 8 characters or fewer shows none of them. */
export function maskSecret(value: string): string {
  return value.length > 8 ? `${value.slice(0, 4)}…` : "…";
}

function maskValue(value: unknown, secret: boolean): unknown {
  if (typeof value === "string") return secret || TOKEN_SHAPE.test(value) ? maskSecret(value) : value;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, secret));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  // A header rule like { name: "x-api-key", value: "…" } keeps its secret under a neutral key.
  const namedSecret = typeof record.name === "string" && isSecretName(record.name);
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => [key, maskValue(item, secret || isSecretName(key) || (namedSecret && key !== "name"))]),
  );
}

/**
 * A copy for printing: strings under a key named like a credential (apiKey, apiKeys, githubToken, x-api-key,
 * authorization, *secret*, *password*…) at any depth, and token-shaped strings anywhere, masked. Numbers and booleans
 * stay (keyRequestsPerMinute is no secret). With `secret`, every string in it.
 */
export function maskSecrets<T>(value: T, secret = false): T {
  return maskValue(value, secret) as T;
}
