import { addFailure } from "./failures";
import { recordRequest } from "./record";
import { route } from "./router";
import { createState, resetState } from "./state";
import type { FakeUpstream, FakeUpstreamOptions, InjectedFailure, RecordedRequest } from "./types";

/** Starts the fake GitHub + Copilot upstream on 127.0.0.1. */
export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const state = createState({ ...options, deviceFlow: { ...options.deviceFlow } });

  const server = Bun.serve({
    port: options.port ?? 0,
    hostname: "127.0.0.1",
    idleTimeout: 0,
    async fetch(req) {
      const rec = await recordRequest(state, req);
      try {
        return await route(state, rec, req);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return Response.json({ error: { message: `fake upstream crashed: ${message}`, code: "fake_crash" } }, {
          status: 500,
        });
      } finally {
        if (state.options.keepBodies === false) {
          rec.body = "";
          rec.json = undefined;
        }
      }
    },
  });

  state.url = `http://127.0.0.1:${server.port}`;
  state.copilotUrl = `${state.url}/copilot`;

  const upstream: FakeUpstream = {
    url: state.url,
    copilotUrl: state.copilotUrl,
    requests: state.requests,
    find: (prefix: string): RecordedRequest[] => state.requests.filter((r) => r.path.startsWith(prefix)),
    last: (prefix: string): RecordedRequest | undefined =>
      state.requests.findLast((r) => r.path.startsWith(prefix)),
    inject: (failure: InjectedFailure): void => addFailure(state, failure),
    get options(): FakeUpstreamOptions {
      return state.options;
    },
    set options(value: FakeUpstreamOptions) {
      state.options = value;
    },
    get tokensIssued(): number {
      return state.tokensIssued;
    },
    set tokensIssued(value: number) {
      state.tokensIssued = value;
    },
    get cancelledStreams(): number {
      return state.cancelledStreams;
    },
    set cancelledStreams(value: number) {
      state.cancelledStreams = value;
    },
    get pacedBytes(): number {
      return state.pacedBytes;
    },
    reset: (): void => resetState(state),
    stop: async (): Promise<void> => {
      await server.stop(true);
    },
  };
  return upstream;
}
