import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

/** Reads the whole request once and appends it to state.requests. */
export async function recordRequest(state: FakeState, req: Request): Promise<RecordedRequest> {
  const url = new URL(req.url);
  const body = await req.text();
  const headers: Record<string, string> = {};
  req.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  const rec: RecordedRequest = {
    method: req.method.toUpperCase(),
    path: url.pathname,
    query: url.search.replace(/^\?/, ""),
    headers,
    body,
    json: parseJson(body),
    at: Date.now(),
  };
  state.requests.push(rec);
  return rec;
}

function parseJson(body: string): unknown {
  if (body.trim() === "") return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
