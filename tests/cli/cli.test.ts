import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Ollama } from "ollama";
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
  const made = cliEnv(fake, extra);
  cleanups.push(made.cleanup);
  return made.env;
}

describe("CLI usage mistakes: one clear line, exit code 2", () => {
  test.each([
    [["start", "--bogus"], /Unknown option --bogus for 'copilot-relay start'/],
    [["start", "--account-type", "gold"], /"gold" for accountType \(--account-type\): expected one of individual, business, enterprise/],
    [["start", "-p", "99999"], /"99999" for port \(--port\)/],
    [["start", "--port"], /--port of 'copilot-relay start' needs a value/],
    [["frobnicate"], /Unknown command 'frobnicate'/],
    [["debug", "extra"], /Unexpected argument 'extra'/],
  ])("%p", async (args, message) => {
    const result = await runCli(sourceEntry, args as string[], env());
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message as RegExp);
  });

  test("a bad environment value names the variable", async () => {
    const result = await runCli(sourceEntry, ["debug"], env({ COPILOT_RELAY_ACCOUNT_TYPE: "x" }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("COPILOT_RELAY_ACCOUNT_TYPE");
  });
});

describe("help and version everywhere", () => {
  test.each([[["--help"]], [["start", "--help"]], [["auth", "--help"]], [["usage", "--help"]], [["debug", "--help"]], [["models", "--help"]], [["check-usage", "-h"]]])("%p", async (args: string[]) => {
    const result = await runCli(sourceEntry, args, env());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/USAGE/);
  });

  test("start --help lists copilot-api's flags", async () => {
    const { stdout } = await runCli(sourceEntry, ["start", "--help"], env());
    for (const flag of ["--port", "-p", "--host", "--verbose", "--account-type", "-a", "--enterprise-url", "--github-token", "-g", "--show-token", "--proxy-env", "--config"]) {
      expect(stdout).toContain(flag);
    }
  });

  test.each([[["--version"]], [["start", "--version"]], [["models", "--version"]]])("%p", async (args: string[]) => {
    const result = await runCli(sourceEntry, args, env());
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("commands against the fake GitHub", () => {
  test("start without a token and without a terminal says to run auth", async () => {
    const result = await runCli(sourceEntry, ["start"], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("copilot-relay auth");
  });

  test("usage (and check-usage) print the quota box", async () => {
    for (const command of ["usage", "check-usage"]) {
      const result = await runCli(sourceEntry, [command, "--github-token", "gho_fake_user_token"], env());
      expect(result.code).toBe(0);
      const text = result.stdout + result.stderr;
      expect(text).toMatch(/Premium requests: \d+\/\d+ used/);
      expect(text).toMatch(/Chat: /);
      expect(text).toMatch(/Completions: /);
      expect(text).toMatch(/Quota resets: \d{4}-\d{2}-\d{2}/);
    }
    expect(fake.last("/copilot_internal/user")?.headers.authorization).toBe("token gho_fake_user_token");
  });

  test("models prints the table", async () => {
    const result = await runCli(sourceEntry, ["models"], env({ GH_TOKEN: "gho_fake_user_token" }));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ID\s+VENDOR\s+ENDPOINTS\s+CONTEXT\s+PREMIUM/);
    expect(result.stdout).toMatch(/claude-opus-4\.6\s+Anthropic\s+\/chat\/completions,\/v1\/messages\s+\d+\s+3x/);
  });

  test("debug --json reports paths and settings but never the token", async () => {
    const result = await runCli(sourceEntry, ["debug", "--json", "-a", "business"], env({ COPILOT_RELAY_GITHUB_TOKEN: "gho_secret_value_1234" }));
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout);
    expect(info).toMatchObject({ accountType: "business", tokenStored: false, tokenFromFlagOrEnv: true, copilotBaseUrl: "https://api.business.githubcopilot.com" });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.stdout).not.toContain("gho_secret_value_1234");
  });

  test("start serves requests and logs the initiator; SIGTERM stops it", async () => {
    const server = await startServerProcess(sourceEntry, ["--verbose"], env({ COPILOT_RELAY_GITHUB_TOKEN: "gho_fake_user_token" }));
    try {
      for (let attempt = 0; attempt < 100 && (await fetch(`${server.url}/readyz`)).status !== 200; attempt++) await Bun.sleep(50);
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] }),
      });
      expect(response.status).toBe(200);
      // The access log is batched: wait for the flush.
      for (let attempt = 0; attempt < 100 && !server.output().includes("initiator="); attempt++) await Bun.sleep(20);
      expect(server.output()).toMatch(/\/v1\/chat\/completions openai-chat gpt-4\.1 initiator=user/);
      expect(server.output()).not.toContain("gho_fake_user_token");
      expect(server.output()).not.toContain("tid=fake");
    } finally {
      await server.stop();
    }
  });

  test("--ollama-port serves the Ollama API and the OpenAI /v1 routes on a second port", async () => {
    const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
    const ollamaPort = probe.port;
    await probe.stop(true);
    const server = await startServerProcess(sourceEntry, ["--ollama-port", String(ollamaPort)], env({ COPILOT_RELAY_GITHUB_TOKEN: "gho_fake_user_token" }));
    try {
      for (let attempt = 0; attempt < 100 && !server.output().includes("Ollama API also on"); attempt++) await Bun.sleep(20);
      expect(server.output()).toContain(`Ollama API also on http://127.0.0.1:${ollamaPort}`);
      const ollama = new Ollama({ host: `http://127.0.0.1:${ollamaPort}` });
      expect((await ollama.list()).models.some((model) => model.model.startsWith("gpt-4.1"))).toBe(true);
      const answer = await ollama.chat({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }], stream: false });
      expect(answer.message.content).toContain("Hello from gpt-4.1");
      const openai = await fetch(`http://127.0.0.1:${ollamaPort}/v1/chat/completions`, {
        method: "POST",
        body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] }),
      });
      expect(openai.status).toBe(200);
      expect(((await openai.json()) as { object: string }).object).toBe("chat.completion");
    } finally {
      await server.stop();
    }
  });
});
