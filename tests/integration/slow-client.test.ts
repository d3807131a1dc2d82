import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

/**
 * A client that stops reading in the middle of a large stream, with the relay's writes to it backed up, and then
 * leaves: the upstream (a fake that, like a real server, sends no faster than it is read) is cancelled, the relay
 * holds no stream open, and the request is logged as cancelled.
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

describe("a slow client that leaves in the middle of a large stream", () => {
  for (const [name, path, body] of [
    ["passed through", "/v1/chat/completions", { model: "gpt-4.1", stream: true, messages: [{ role: "user", content: "hi" }] }],
    ["translated", "/v1/responses", { model: "gemini-2.5-pro", stream: true, input: "hi" }],
  ] as const) {
    test(`${name}: the upstream is cancelled and the relay holds no stream open`, async () => {
      relay.fake.inject({ path: "/copilot/chat/completions", kind: "huge", bytes: 50_000_000 });
      const controller = new AbortController();
      const response = await fetch(`${relay.url}${path}`, { method: "POST", body: JSON.stringify(body), signal: controller.signal });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      // The client stops reading; 50 MB cannot all fit in the sockets' buffers, so the upstream is still sending.
      await Bun.sleep(300);
      expect(relay.fake.cancelledStreams).toBe(0);
      controller.abort();
      await waitUntil(() => relay.fake.cancelledStreams === 1 && relay.services.watchdog.size() === 0);
      expect(relay.fake.cancelledStreams).toBe(1);
      expect(relay.services.watchdog.size()).toBe(0);
      await waitUntil(() => relay.logs.some((line) => line.text.includes(`${path} `) && line.text.includes(" cancelled ")));
      expect(relay.logs.some((line) => line.text.includes(`${path} `) && line.text.includes(" cancelled "))).toBe(true);
    });
  }
});
