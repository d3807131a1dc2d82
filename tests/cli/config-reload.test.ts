import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
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

const waitFor = async (what: string, condition: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
};

/** The model id the fake Copilot received for one chat request to `model` through the relay. */
async function upstreamModelFor(url: string, model: string): Promise<unknown> {
  const response = await fetch(`${url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }) });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  return (fake.last("/copilot/chat/completions")?.json as { model?: string }).model;
}

describe("a changed config file", () => {
  test("is reloaded without a restart; a bad edit is refused with every problem and the old routing stays live", async () => {
    const made = cliEnv(fake, { COPILOT_RELAY_GITHUB_TOKEN: "gho_fake_user_token" });
    cleanups.push(made.cleanup);
    const file = join(made.env.HOME as string, "relay.yaml");
    writeFileSync(file, "models:\n  fast: { provider: copilot, model: gpt-4.1 }\n");
    const server = await startServerProcess(sourceEntry, ["--config", file], made.env);
    try {
      await waitFor("ready", () => server.output().includes("Ready"));
      expect(await upstreamModelFor(server.url, "fast")).toBe("gpt-4.1");

      writeFileSync(file, "models:\n  fast: { provider: copilot, model: gpt-5-mini }\n");
      await waitFor("the reload", () => server.output().includes("config reloaded"));
      expect(await upstreamModelFor(server.url, "fast")).toBe("gpt-5-mini");

      writeFileSync(file, "models:\n  fast: { provider: nobody }\n  slow: { model: 3 }\n");
      await waitFor("the refusal", () => server.output().includes("keeping the current configuration"));
      expect(server.output()).toContain('unknown provider "nobody"');
      expect(server.output()).toMatch(/models\.slow/);
      expect(await upstreamModelFor(server.url, "fast")).toBe("gpt-5-mini");
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
