import type { RequestIds } from "../plugins/request-id.ts";
import type { RelayDeps, RelayInput } from "../relay/relay-deps.ts";
import { readBody } from "./read-body.ts";

/** The plain values a relay call needs from an HTTP request; routes never hand the framework context down. */
export async function relayInput(deps: Pick<RelayDeps, "config">, request: Request, requestIds: RequestIds, route: string): Promise<RelayInput> {
  return {
    body: await readBody(request, deps.config.maxBodySize),
    headers: request.headers,
    signal: request.signal,
    requestId: requestIds.idFor(request),
    route,
    receivedAt: Date.now(),
    keyName: requestIds.keyNameOf(request),
    client: request.headers.get("user-agent") ?? "an unnamed client",
  };
}
