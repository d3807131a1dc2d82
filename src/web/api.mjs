// Calls to the relay with the API key. The key lives in localStorage (or memory when storage is blocked) and goes
// out only as an Authorization header: never in a URL, where logs and the browser history would keep it.

const KEY_ITEM = "copilot-relay.apiKey";
let memoryKey = "";

export function savedKey() {
  try {
    return localStorage.getItem(KEY_ITEM) ?? "";
  } catch {
    return memoryKey;
  }
}

export function saveKey(key) {
  memoryKey = key;
  try {
    if (key) localStorage.setItem(KEY_ITEM, key);
    else localStorage.removeItem(KEY_ITEM);
  } catch {
    // Storage blocked (private mode, policy): the key lasts until the tab closes.
  }
}

/** The relay answered 401: the page shows its login form. */
export class AuthRequired extends Error {}

/**
 * One request; resolves with { status, ok, body } (body: parsed JSON or null) for any answer but a 401, which
 * throws AuthRequired. A network failure rejects with the fetch error.
 */
export async function api(path, method = "GET") {
  const headers = { accept: "application/json" };
  const key = savedKey();
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(path, { method, headers, cache: "no-store", credentials: "omit" });
  if (response.status === 401) throw new AuthRequired("The relay asks for an API key.");
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (an HTML error page from a proxy, say): callers show the status.
  }
  return { status: response.status, ok: response.ok, body };
}

/** The relay's error message from an OpenAI-shaped error body, or the HTTP status. */
export function errorMessage(result) {
  const message = result?.body?.error?.message;
  return typeof message === "string" ? message : `HTTP ${result?.status ?? "error"}`;
}
