const REDACTED = "[redacted]";

/** Headers whose whole value is a credential. */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "x-api-key", "api-key", "cookie", "set-cookie"]);

/** JSON keys whose value is a secret, compared lower-cased without `-` and `_` (api_key, apiKey, api-key…). */
const SECRET_KEYS = new Set(["apikey", "xapikey", "authorization", "token", "accesstoken", "refreshtoken", "idtoken", "password", "secret", "clientsecret"]);

const isSecretKey = (key: string): boolean => SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ""));

/**
 * Token shapes anywhere in a text: GitHub tokens (gho_/ghu_/ghp_/ghs_/ghr_, github_pat_), sk- keys (OpenAI,
 * sk-ant- Anthropic), Copilot tokens (`tid=…;exp=…`) and Bearer credentials. Each branch is a literal prefix and one
 * character class, so matching stays linear in the text's length.
 */
const TOKEN_PATTERN =
  /(?<![A-Za-z0-9_])(?:gh[oupsr]_\w{20,}|github_pat_\w{20,}|sk-[A-Za-z0-9_-]{20,}|tid=[^\s"'\\]+)|(?<![A-Za-z0-9_])(Bearer[ \t]+)[^\s"'\\]+/gi;

/** The start of an `"api_key": "…"` pair, up to its value's opening quote. */
const SECRET_PAIR_START =
  /"(?:(?:x[-_]?)?api[-_]?key|authorization|(?:access[-_]?|refresh[-_]?|id[-_]?)?token|password|(?:client[-_]?)?secret)"[ \t\r\n]*:[ \t\r\n]*"/gi;

/**
 * Secret pairs in text that is not one JSON document (SSE events, NDJSON lines, fragments). The string value is
 * scanned by hand: a regex for it backtracks over an unterminated megabyte-long string.
 */
function redactSecretPairs(text: string): string {
  let redacted = "";
  let copiedUpTo = 0;
  for (const match of text.matchAll(SECRET_PAIR_START)) {
    const valueStart = match.index + match[0].length;
    if (match.index < copiedUpTo) continue;
    let end = valueStart;
    while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
    redacted += `${text.slice(copiedUpTo, valueStart)}${REDACTED}"`;
    copiedUpTo = Math.min(text.length, end + 1);
  }
  return copiedUpTo === 0 ? text : redacted + text.slice(copiedUpTo);
}

const redactTokens = (text: string): string =>
  text.replace(TOKEN_PATTERN, (_match, bearer: string | undefined) => (bearer ? `${bearer}${REDACTED}` : REDACTED));

/** Header values for --verbose logs: credentials hidden, token-like values elsewhere too. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const redacted: Record<string, string> = {};
  for (const [name, value] of entries) {
    redacted[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactTokens(String(value));
  }
  return redacted;
}

function redactJson(text: string): string | undefined {
  const first = text.trimStart()[0];
  if (first !== "{" && first !== "[") return undefined;
  try {
    // The reviver visits every key at any depth without a recursive walk of our own.
    const value: unknown = JSON.parse(text, (key, nested: unknown) => (isSecretKey(key) ? REDACTED : nested));
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** Keeps the start and the end of a long text. */
function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let head = Math.ceil(maxChars / 2);
  let tail = text.length - (maxChars - head);
  // Never split a surrogate pair.
  if (head > 0 && /[\uD800-\uDBFF]/.test(text[head - 1] ?? "")) head -= 1;
  if (tail < text.length && /[\uDC00-\uDFFF]/.test(text[tail] ?? "")) tail += 1;
  return `${text.slice(0, head)}…[${tail - head} characters omitted]…${text.slice(tail)}`;
}

/**
 * A request or response body for --verbose logs (issue 8): secret fields of JSON at any depth and token-like strings
 * anywhere become "[redacted]", then long texts are cut in the middle. Never throws.
 */
export function redactBody(text: string, maxChars = 4000): string {
  const input = typeof text === "string" ? text : String(text);
  const structured = redactJson(input) ?? redactSecretPairs(input);
  const limit = Number.isFinite(maxChars) && maxChars >= 0 ? Math.floor(maxChars) : 4000;
  return truncate(redactTokens(structured), limit);
}
