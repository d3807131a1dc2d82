import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

let relay: RelayHarness;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(() => relay.stop());

const routes = {
  "chat completions": { path: "/v1/chat/completions", body: { model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] } },
  messages: { path: "/v1/messages", body: { model: "claude-sonnet-4.5", max_tokens: 128, messages: [{ role: "user", content: "hi" }] } },
  responses: { path: "/v1/responses", body: { model: "gpt-5.1-codex", input: "hi" } },
  "messages translated to chat": { path: "/v1/messages", body: { model: "gemini-2.5-pro", max_tokens: 128, messages: [{ role: "user", content: "hi" }] } },
  "ollama chat": { path: "/api/chat", body: { model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] } },
} as const;

const SERVER_TIMING = /^upstream;dur=(\d+(?:\.\d)?), relay;dur=(\d+(?:\.\d)?)$/;

describe("Server-Timing on relayed answers: the upstream's time to headers and the relay's own", () => {
  for (const [name, route] of Object.entries(routes)) {
    for (const stream of [false, true]) {
      test(`${name}${stream ? ", streamed" : ""}`, async () => {
        const response = await fetch(`${relay.url}${route.path}`, { method: "POST", body: JSON.stringify({ ...route.body, stream }) });
        expect(response.status).toBe(200);
        await response.text();
        const timing = SERVER_TIMING.exec(response.headers.get("server-timing") ?? "");
        expect(timing).not.toBeNull();
        expect(Number(timing?.[1])).toBeGreaterThanOrEqual(0);
        expect(Number(timing?.[2])).toBeGreaterThanOrEqual(0);
      });
    }
  }
});
