import type { RecordedRequest, TlsPair } from "./types";

export interface FakeServer {
  /** http(s)://127.0.0.1:PORT */
  origin: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

type Handler = (rec: RecordedRequest, req: Request) => Response | Promise<Response>;

/** Reads the whole request once into a record. */
async function record(req: Request): Promise<RecordedRequest> {
  const url = new URL(req.url);
  const body = await req.text();
  const headers: Record<string, string> = {};
  req.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  let json: unknown;
  try {
    json = body.trim() === "" ? undefined : (JSON.parse(body) as unknown);
  } catch {
    json = undefined;
  }
  return { method: req.method.toUpperCase(), path: url.pathname, query: url.search.slice(1), headers, body, json, at: Date.now() };
}

/** A loopback Bun.serve on port 0 that records every request before `handle` answers it. */
export function serveFake(tls: TlsPair | undefined, handle: Handler, crash: (message: string) => Response): FakeServer {
  const requests: RecordedRequest[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    idleTimeout: 0,
    ...(tls === undefined ? {} : { tls: { key: tls.key, cert: tls.cert } }),
    async fetch(req) {
      const rec = await record(req);
      requests.push(rec);
      try {
        return await handle(rec, req);
      } catch (err) {
        return crash(`fake provider crashed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  });
  return {
    origin: `${tls === undefined ? "http" : "https"}://127.0.0.1:${server.port}`,
    requests,
    stop: async () => {
      await server.stop(true);
    },
  };
}
