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

/** What the relay notes about one request: its id, given on first ask, and its API key's name. */
interface RequestNote {
  id?: string;
  keyName?: string;
}

export function createRequestIds(): RequestIds {
  // One entry per request (the guard's key name and the id share it): a WeakMap write costs on every request.
  const notes = new WeakMap<Request, RequestNote>();
  return {
    keyNameOf: (request) => notes.get(request)?.keyName,
    setKeyName(request, name) {
      const note = notes.get(request);
      if (note) note.keyName = name;
      else notes.set(request, { keyName: name });
    },
    idFor(request) {
      let note = notes.get(request);
      if (!note) {
        note = {};
        notes.set(request, note);
      }
      note.id ??= crypto.randomUUID();
      return note.id;
    },
  };
}

/** A JSON response carrying the request id. */
export function jsonResponse(body: unknown, requestId: string, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "x-request-id": requestId } });
}
