import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import OpenAI from "openai";
import { type FakeUpstream, startFakeUpstream } from "../fake-upstream/index.ts";
import { cliEnv, repoRoot, runCli, type ServerProcess, startServerProcess } from "../support/spawn-relay.ts";

const binary = join(repoRoot, "dist", process.platform === "win32" ? "copilot-relay.exe" : "copilot-relay");
let fake: FakeUpstream;
let server: ServerProcess;
let cleanup: () => void;

beforeAll(async () => {
  // Build exactly as a user would; the build script smoke-runs the binary itself.
  const build = Bun.spawn([process.execPath, "run", "build"], { cwd: repoRoot, stdout: "pipe", stderr: "pipe" });
  const [code, out, err] = await Promise.all([build.exited, new Response(build.stdout).text(), new Response(build.stderr).text()]);
  if (code !== 0) throw new Error(`build failed: ${out}${err}`);
  fake = await startFakeUpstream();
  const made = cliEnv(fake, { COPILOT_RELAY_GITHUB_TOKEN: "gho_fake_user_token" });
  cleanup = made.cleanup;
  server = await startServerProcess([binary], [], made.env);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await fake?.stop();
  cleanup?.();
});

describe("the compiled binary", () => {
  test("is one file that answers --version", async () => {
    expect(existsSync(binary)).toBe(true);
    const result = await runCli([binary], ["--version"], { PATH: process.env.PATH ?? "" });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+( \([\w.-]+\))?$/);
  });

  test("serves chat, streaming and models against the fake Copilot", async () => {
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "unused", maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] });
    expect(completion.choices[0]?.message.content).toBe("Hello from gpt-4.1! héllo 👋 — 你好");
    let streamed = "";
    for await (const chunk of await client.chat.completions.create({ model: "claude-sonnet-4.5", messages: [{ role: "user", content: "hi" }], stream: true })) {
      streamed += chunk.choices[0]?.delta.content ?? "";
    }
    expect(streamed).toBe("Hello from claude-sonnet-4.5! héllo 👋 — 你好");
    const models = await client.models.list();
    expect(models.data.length).toBeGreaterThan(3);
    expect(fake.find("/copilot/chat/completions").length).toBe(2);
  });

  test("bad flags exit 2 from the binary too", async () => {
    const result = await runCli([binary], ["start", "--nope"], { PATH: process.env.PATH ?? "" });
    expect(result.code).toBe(2);
  });
});
