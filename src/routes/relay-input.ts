import type { RequestIds } from "../plugins/request-id.ts";
import type { RelayInput } from "../relay/relay-deps.ts";

/** The plain values a relay call needs from an HTTP request; routes never hand the framework context down. */
export async function relayInput(request: Request, requestIds: RequestIds, route: string): Promise<RelayInput> {
  return {
    body: await request.text(),
    headers: request.headers,
    signal: request.signal,
    requestId: requestIds.idFor(request),
    route,
    receivedAt: Date.now(),
    keyName: requestIds.keyNameOf(request),
    client: request.headers.get("user-agent") ?? "an unnamed client",
  };
}
