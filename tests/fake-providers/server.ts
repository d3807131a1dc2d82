import { faultSlot } from "./fault";
import type { FakeFault, FakeProvider, RecordedRequest, TlsPair } from "./types";

export interface ServeOptions {
  tls?: TlsPair;
  fault?: FakeFault;
  /** Appended to the origin in `url` (the OpenAI fake's base path). */
  basePath?: string;
}

type Handler = (rec: RecordedRequest, req: Request) => Response | Promise<Response>;
/** The provider's error envelope for a status. */
export type Fail = (status: number, message: string) => Response;

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

/**
 * A loopback Bun.serve on port 0 that records every request, answers POSTs with an armed fault (see FakeFault),
 * and otherwise lets `handle` answer; a handler that throws gets a 500 in the provider's envelope.
 */
export function serveFake(options: ServeOptions, handle: Handler, fail: Fail): FakeProvider {
  const requests: RecordedRequest[] = [];
  const faults = faultSlot(options.fault);
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    idleTimeout: 0,
    ...(options.tls === undefined ? {} : { tls: { key: options.tls.key, cert: options.tls.cert } }),
    async fetch(req) {
      const rec = await record(req);
      requests.push(rec);
      const fault = rec.method === "POST" ? faults.take() : undefined;
      if (fault !== undefined) {
        const res = fail(fault.status, `fake upstream fault ${fault.status}`);
        for (const [name, value] of Object.entries(fault.headers)) res.headers.set(name, value);
        return res;
      }
      try {
        return await handle(rec, req);
      } catch (err) {
        return fail(500, `fake provider crashed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  });
  const origin = `${options.tls === undefined ? "http" : "https"}://127.0.0.1:${server.port}`;
  return {
    url: origin + (options.basePath ?? ""),
    requests,
    inject: (fault) => faults.arm(fault),
    stop: async () => {
      await server.stop(true);
    },
  };
}
