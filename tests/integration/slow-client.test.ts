import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

/**
 * A client that stops reading in the middle of a large stream, with the relay's writes to it backed up, and then
 * leaves. The upstream (a fake that, like a real server, sends no faster than it is read) stops sending while the
 * client does not read: the relay applies backpressure instead of reading the upstream into memory. When the client
 * leaves, the upstream is cancelled, the relay holds no stream open, and the request is logged as cancelled.
 */
let relay: RelayHarness;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(() => relay.stop());
beforeEach(() => relay.fake.reset());

const waitUntil = async (done: () => boolean) => {
  for (let attempt = 0; attempt < 150 && !done(); attempt++) await Bun.sleep(20);
};

const STREAM_BYTES = 60_000_000;
/**
 * What the sockets and the relay may hold between a client that does not read and the upstream: ~10 MB on Linux's
 * default buffers. A relay that wrote without waiting for the client read ~40 MB of the upstream into memory.
 */
const HELD_AT_MOST = 30_000_000;

/** The upstream's progress once it stops: sampled until two readings 200 ms apart agree (5 s at most). */
async function settledUpstreamBytes(read: () => number): Promise<number> {
  let last = -1;
  for (let sample = 0; sample < 25; sample++) {
    await Bun.sleep(200);
    const now = read();
    if (now === last) return now;
    last = now;
  }
  return last;
}

describe("a slow client that leaves in the middle of a large stream", () => {
  for (const [name, path, body] of [
    ["passed through", "/v1/chat/completions", { model: "gpt-4.1", stream: true, messages: [{ role: "user", content: "hi" }] }],
    ["translated", "/v1/responses", { model: "gemini-2.5-pro", stream: true, input: "hi" }],
  ] as const) {
    test(`${name}: the upstream is cancelled and the relay holds no stream open`, async () => {
      relay.fake.inject({ path: "/copilot/chat/completions", kind: "huge", bytes: STREAM_BYTES });
      const controller = new AbortController();
      const response = await fetch(`${relay.url}${path}`, { method: "POST", body: JSON.stringify(body), signal: controller.signal });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      // The client stops reading: the upstream stops too, far from the end of its 60 MB, and is still open.
      const sent = await settledUpstreamBytes(() => relay.fake.pacedBytes);
      expect(sent).toBeGreaterThan(0);
      expect(sent).toBeLessThan(HELD_AT_MOST);
      expect(relay.fake.cancelledStreams).toBe(0);
      controller.abort();
      // Used after the wait, so the collector cannot end the unread response (and close its connection) before.
      await reader.cancel().catch(() => {});
      await waitUntil(() => relay.fake.cancelledStreams === 1 && relay.services.watchdog.size() === 0);
      expect(relay.fake.cancelledStreams).toBe(1);
      expect(relay.services.watchdog.size()).toBe(0);
      await waitUntil(() => relay.logs.some((line) => line.text.includes(`${path} `) && line.text.includes(" cancelled ")));
      expect(relay.logs.some((line) => line.text.includes(`${path} `) && line.text.includes(" cancelled "))).toBe(true);
    });
  }
});
