/**
 * Request ids without per-request framework hooks: handlers ask for the id of their Request, and the error hook
 * asks for the same Request's id, so the id sent upstream, logged, and returned in `x-request-id` is one id.
 * A derive hook would make Elysia merge `set.headers` into every streamed Response, which costs on the hot path.
 */
export interface RequestIds {
  idFor(request: Request): string;
  /** The name of the API key a request came with (set by the request guard), for the log and the record. */
  keyNameOf(request: Request): string | undefined;
  setKeyName(request: Request, name: string): void;
}

export function createRequestIds(): RequestIds {
  const ids = new WeakMap<Request, string>();
  const keyNames = new WeakMap<Request, string>();
  return {
    keyNameOf: (request) => keyNames.get(request),
    setKeyName(request, name) {
      keyNames.set(request, name);
    },
    idFor(request) {
      let id = ids.get(request);
      if (!id) {
        id = crypto.randomUUID();
        ids.set(request, id);
      }
      return id;
    },
  };
}

/** A JSON response carrying the request id. */
export function jsonResponse(body: unknown, requestId: string, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "x-request-id": requestId } });
}
