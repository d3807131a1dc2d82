import { afterEach, describe, expect, test } from "bun:test";
import Anthropic from "@anthropic-ai/sdk";
import { Ollama } from "ollama";
import OpenAI from "openai";
import { type HarnessOptions, type RelayHarness, startRelay } from "../support/relay-harness.ts";

let relay: RelayHarness | undefined;
afterEach(async () => {
  await relay?.stop();
  relay = undefined;
});
const start = async (options: HarnessOptions = {}) => {
  relay = await startRelay(options);
  return relay;
};
const chatBody = JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] });

/** One raw HTTP/1.1 request, so the Host header is exactly what the test says (fetch sets its own). */
async function rawRequest(url: string, lines: string[], body = ""): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let received = "";
    void Bun.connect({
      hostname,
      port: Number(port),
      socket: {
        open(socket) {
          socket.write(`${lines.join("\r\n")}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
        },
        data(_socket, chunk) {
          received += chunk.toString();
        },
        close() {
          resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(received)?.[1] ?? 0), text: received });
        },
        error(_socket, error) {
          reject(error);
        },
      },
    });
  });
}

describe("API keys", () => {
  const keys = { apiKeys: ["sk-relay-one", "sk-relay-two"] };

  test("every dialect refuses a missing or wrong key with 401 in its own shape", async () => {
    const harness = await start({ flags: keys });
    const openai = await fetch(`${harness.url}/v1/chat/completions`, { method: "POST", body: chatBody });
    expect(openai.status).toBe(401);
    expect(((await openai.json()) as { error: { type: string } }).error.type).toBe("authentication_error");
    const anthropic = await fetch(`${harness.url}/v1/messages`, { method: "POST", headers: { "x-api-key": "wrong" }, body: "{}" });
    expect(anthropic.status).toBe(401);
    expect(await anthropic.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    const ollama = await fetch(`${harness.url}/api/tags`);
    expect(ollama.status).toBe(401);
    expect(Object.keys((await ollama.json()) as object)).toEqual(["error"]);
    expect(harness.fake.find("/copilot/chat/completions")).toHaveLength(0);
  });

  test("the right key works as a Bearer token and as x-api-key, through the real SDKs; /healthz stays open", async () => {
    const harness = await start({ flags: keys });
    const openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: "sk-relay-two", maxRetries: 0 });
    expect((await openai.chat.completions.create({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] })).choices).toHaveLength(1);
    const anthropic = new Anthropic({ baseURL: harness.url, apiKey: "sk-relay-one", maxRetries: 0 });
    expect((await anthropic.messages.create({ model: "gpt-4.1", max_tokens: 10, messages: [{ role: "user", content: "hi" }] })).content.length).toBe(1);
    const ollama = new Ollama({ host: harness.url, headers: { authorization: "Bearer sk-relay-one" } });
    expect((await ollama.list()).models.length).toBeGreaterThan(0);
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
    await Bun.sleep(100);
    const lines = harness.logs.filter((line) => line.type === "access").map((line) => line.text);
    expect(lines.some((line) => /key=key-[0-9a-f]{8}/.test(line))).toBe(true);
    expect(lines.join("\n")).not.toContain("sk-relay");
  });

  test("a per-key request budget answers 429 with retry-after", async () => {
    const harness = await start({ flags: { ...keys, keyRequestsPerMinute: 2 } });
    const send = () => fetch(`${harness.url}/v1/chat/completions`, { method: "POST", headers: { authorization: "Bearer sk-relay-one" }, body: chatBody });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const third = await send();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    // The other key has its own budget.
    expect((await fetch(`${harness.url}/v1/chat/completions`, { method: "POST", headers: { "x-api-key": "sk-relay-two" }, body: chatBody })).status).toBe(200);
  });

  test("admin endpoints need a key when keys are set", async () => {
    const harness = await start({ flags: keys });
    expect((await fetch(`${harness.url}/admin/cooldowns/reset`, { method: "POST" })).status).toBe(401);
    expect((await fetch(`${harness.url}/admin/cooldowns/reset`, { method: "POST", headers: { "x-api-key": "sk-relay-one" } })).status).toBe(200);
  });
});

describe("browser safety", () => {
  test("a foreign Host header is refused (DNS rebinding); loopback names and configured hosts are served", async () => {
    const harness = await start({ flags: { allowedHosts: ["relay.internal"] } });
    const request = (host: string) => rawRequest(harness.url, ["POST /v1/chat/completions HTTP/1.1", `host: ${host}`, "content-type: application/json"], chatBody);
    const evil = await request("evil.example:4141");
    expect(evil.status).toBe(403);
    expect(evil.text).toContain("host_not_allowed");
    expect((await request("localhost:4141")).status).toBe(200);
    expect((await request("127.0.0.1")).status).toBe(200);
    expect((await request("[::1]:4141")).status).toBe(200);
    expect((await request("relay.internal:8080")).status).toBe(200);
    expect(harness.fake.find("/copilot/chat/completions")).toHaveLength(4);
  });

  test("no wildcard CORS: an unknown origin is refused, a configured one gets its own origin back", async () => {
    const harness = await start({ flags: { corsOrigins: ["http://localhost:3000"] } });
    const evil = await fetch(`${harness.url}/v1/chat/completions`, { method: "POST", headers: { origin: "https://evil.example", "content-type": "text/plain" }, body: chatBody });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(`${harness.url}/v1/chat/completions`, { method: "OPTIONS", headers: { origin: "http://localhost:3000", "access-control-request-method": "POST" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    const allowed = await fetch(`${harness.url}/v1/chat/completions`, { method: "POST", headers: { origin: "http://localhost:3000" }, body: chatBody });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    const refusedPreflight = await fetch(`${harness.url}/v1/chat/completions`, { method: "OPTIONS", headers: { origin: "https://evil.example" } });
    expect(refusedPreflight.status).toBe(403);
  });

  test("no endpoint hands out a token: readiness and the admin refresh say when it expires, never what it is", async () => {
    const harness = await start();
    const ready = await (await fetch(`${harness.url}/readyz`)).text();
    const refreshed = await fetch(`${harness.url}/admin/token/refresh`, { method: "POST" });
    expect(refreshed.status).toBe(200);
    const refreshText = await refreshed.text();
    expect((JSON.parse(refreshText) as { expiresAt: string }).expiresAt).toMatch(/^\d{4}-/);
    for (const text of [ready, refreshText, await (await fetch(`${harness.url}/token`)).text()]) {
      expect(text).not.toContain("tid=");
      expect(text).not.toContain("gho_");
    }
    expect(harness.logs.map((line) => line.text).join("\n")).not.toContain("tid=");
  });
});

describe("limits", () => {
  test("a body above --max-body-size is a 413 in the caller's dialect", async () => {
    const harness = await start({ flags: { maxBodySize: 1 } });
    const big = JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "x".repeat(1_200_000) }] });
    const openai = await fetch(`${harness.url}/v1/chat/completions`, { method: "POST", body: big });
    expect(openai.status).toBe(413);
    expect(((await openai.json()) as { error: { code: string } }).error.code).toBe("request_too_large");
    const anthropic = await fetch(`${harness.url}/v1/messages`, { method: "POST", body: big });
    expect(anthropic.status).toBe(413);
    expect(((await anthropic.json()) as { error: { type: string } }).error.type).toBe("request_too_large");
    expect(harness.fake.find("/copilot/chat/completions")).toHaveLength(0);
  });

  test("the upstream queue is visible in /readyz", async () => {
    const harness = await start({ flags: { maxUpstreamRequests: 1 } });
    const slow = fetch(`${harness.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "[[wait:600]] hi" }] }) });
    const queued = fetch(`${harness.url}/v1/chat/completions`, { method: "POST", body: chatBody });
    await Bun.sleep(150);
    const ready = (await (await fetch(`${harness.url}/readyz`)).json()) as { upstream: { inFlight: number; queued: number } };
    expect(ready.upstream).toMatchObject({ inFlight: 1, queued: 1 });
    expect((await slow).status).toBe(200);
    expect((await queued).status).toBe(200);
  });
});
