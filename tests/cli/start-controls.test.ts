import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeUpstream, startFakeUpstream } from "../fake-upstream/index.ts";
import { cliEnv, runCli, sourceEntry, startServerProcess } from "../support/spawn-relay.ts";

let fake: FakeUpstream;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await fake.stop();
});
function env(extra: Record<string, string> = {}) {
  const made = cliEnv(fake, { COPILOT_RELAY_GITHUB_TOKEN: "gho_fake_user_token", ...extra });
  cleanups.push(made.cleanup);
  return made.env;
}
const waitUntil = async (condition: () => boolean) => {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await Bun.sleep(20);
};

describe("start on a non-loopback address", () => {
  test("refuses to run without API keys, naming the way out", async () => {
    const result = await runCli(sourceEntry, ["start", "--host", "0.0.0.0", "--port", "0"], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("without API keys");
    expect(result.stderr).toContain("--no-auth");
  });

  test("runs with --no-auth and warns at start", async () => {
    const server = await startServerProcess(sourceEntry, ["--host", "0.0.0.0", "--no-auth"], env());
    try {
      await waitUntil(() => server.output().includes("WITHOUT API keys"));
      expect(server.output()).toContain("WITHOUT API keys");
    } finally {
      await server.stop();
    }
  });

  test("runs with keys from COPILOT_RELAY_API_KEYS and requires them", async () => {
    const server = await startServerProcess(sourceEntry, ["--host", "0.0.0.0"], env({ COPILOT_RELAY_API_KEYS: "first-key, second-key" }));
    try {
      const url = server.url.replace("0.0.0.0", "127.0.0.1");
      expect((await fetch(`${url}/v1/models`)).status).toBe(401);
      expect((await fetch(`${url}/v1/models`, { headers: { "x-api-key": "second-key" } })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe("graceful shutdown", () => {
  test("SIGTERM lets an open stream finish within the grace period, then exits 0", async () => {
    const server = await startServerProcess(sourceEntry, ["--shutdown-grace", "10"], env());
    for (let attempt = 0; attempt < 100 && (await fetch(`${server.url}/readyz`)).status !== 200; attempt++) await Bun.sleep(50);
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "[[chunks:6]] [[pace:150]]" }], stream: true }),
    });
    const text = response.text();
    await Bun.sleep(100);
    const exited = server.stop();
    const body = await text;
    expect(body.match(/"content":"tok "/g)?.length).toBe(6);
    expect(body.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(await exited).toBe(0);
    expect(server.output()).toContain("SIGTERM");
  });

  test("a stream still open when the grace period ends gets the dialect's error event", async () => {
    const server = await startServerProcess(sourceEntry, ["--shutdown-grace", "0.3"], env());
    for (let attempt = 0; attempt < 100 && (await fetch(`${server.url}/readyz`)).status !== 200; attempt++) await Bun.sleep(50);
    const response = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      body: JSON.stringify({ model: "claude-sonnet-4.5", max_tokens: 50, stream: true, messages: [{ role: "user", content: "[[slow]]" }] }),
    });
    const text = response.text();
    await Bun.sleep(100);
    const exited = server.stop();
    const body = await text;
    expect(body).toMatch(/event: error\ndata: .*shutting down/);
    expect(await exited).toBe(0);
  });
});

describe("logs", () => {
  test("--log-format json writes one JSON object per line, to stdout and --log-file, with no token in them", async () => {
    const logFile = join(env().HOME as string, "relay.log");
    const server = await startServerProcess(sourceEntry, ["--log-format", "json", "--log-file", logFile, "--verbose"], env());
    try {
      for (let attempt = 0; attempt < 100 && (await fetch(`${server.url}/readyz`)).status !== 200; attempt++) await Bun.sleep(50);
      await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer sk-client-secret-value-1234567890" },
        body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi gho_abcdefghijklmnopqrstuvwxyz0123" }] }),
      });
      await waitUntil(() => server.output().includes('"type":"request"'));
      const lines = server.output().split("\n").filter((line) => line.startsWith("{"));
      expect(lines.length).toBeGreaterThan(2);
      const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const request = parsed.find((entry) => entry.type === "request");
      expect(request).toMatchObject({ route: "/v1/chat/completions", dialect: "openai-chat", model: "gpt-4.1", initiator: "user", status: 200 });
      await waitUntil(() => readFileSync(logFile, "utf8").includes('"type":"request"'));
      const file = readFileSync(logFile, "utf8");
      for (const text of [server.output(), file]) {
        expect(text).not.toContain("tid=fake");
        expect(text).not.toContain("gho_fake_user_token");
        expect(text).not.toContain("sk-client-secret");
        expect(text).not.toContain("gho_abcdefghijklmnopqrstuvwxyz0123");
      }
    } finally {
      await server.stop();
    }
  });
});
