import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { checkOpenFiles } from "../../src/cli/fetch-limits.ts";
import { type FakeUpstream, startFakeUpstream } from "../fake-upstream/index.ts";
import { cliEnv, sourceEntry, startServerProcess } from "../support/spawn-relay.ts";

let fake: FakeUpstream;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await fake.stop();
});

/** Raw HTTP/1.1 requests on their own sockets: the test's own fetch would queue beyond 256 too. */
function rawPost(url: string, path: string, body: string): { close: () => void } {
  const { hostname, port } = new URL(url);
  let socket: { end(): void } | undefined;
  void Bun.connect({
    hostname,
    port: Number(port),
    socket: { data() {}, open(opened) {
      socket = opened;
      opened.write(`POST ${path} HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    } },
  });
  return { close: () => socket?.end() };
}

describe("Bun's fetch limit", () => {
  test("more than 256 slow upstream requests are in flight at once (the relay lifts Bun's limit at start)", async () => {
    const made = cliEnv(fake, { COPILOT_RELAY_GITHUB_TOKEN: "gho_fake_user_token" });
    cleanups.push(made.cleanup);
    const server = await startServerProcess(sourceEntry, ["--max-upstream-requests", "1000"], made.env);
    try {
      for (let attempt = 0; attempt < 100 && (await fetch(`${server.url}/readyz`)).status !== 200; attempt++) await Bun.sleep(50);
      fake.reset();
      const body = JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "[[wait:3000]] hi" }], stream: true });
      const sockets = Array.from({ length: 320 }, () => rawPost(server.url, "/v1/chat/completions", body));
      for (let attempt = 0; attempt < 100 && fake.find("/copilot/chat/completions").length < 320; attempt++) await Bun.sleep(20);
      expect(fake.find("/copilot/chat/completions").length).toBe(320);
      for (const socket of sockets) socket.close();
    } finally {
      await server.stop();
    }
  });

  test("an open-file limit too low for the configured maximum is said at start", () => {
    const warnings: string[] = [];
    checkOpenFiles(1000, { warn: (message: string) => warnings.push(message) } as never, 1024);
    expect(warnings[0]).toContain("open-file limit (1024)");
    checkOpenFiles(100, { warn: (message: string) => warnings.push(message) } as never, 1024);
    expect(warnings).toHaveLength(1);
  });
});
