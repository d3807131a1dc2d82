import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";
import { repoRoot } from "../support/spawn-relay.ts";

/**
 * The real Claude Code CLI (npm @anthropic-ai/claude-code), headless and offline (PROTOCOL.md §8), against the
 * relay and the fake Copilot: one Bash tool round trip on a native Claude model and one on a translated model.
 */
const claude = join(repoRoot, "node_modules", ".bin", process.platform === "win32" ? "claude.cmd" : "claude");
let relay: RelayHarness;
const dirs: string[] = [];

beforeAll(async () => {
  relay = await startRelay();
});
afterAll(async () => {
  await relay.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => relay.fake.reset());

interface ClaudeResult {
  type: string;
  subtype: string;
  is_error: boolean;
  result: string;
  num_turns: number;
}

async function runClaude(model: string, prompt: string): Promise<ClaudeResult> {
  const home = mkdtempSync(join(tmpdir(), "claude-home-"));
  const work = mkdtempSync(join(tmpdir(), "claude-work-"));
  dirs.push(home, work);
  const child = Bun.spawn([claude, "-p", prompt, "--output-format", "json", "--tools", "Bash", "--allowedTools", "Bash", "--no-session-persistence"], {
    cwd: work,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: home,
      ANTHROPIC_BASE_URL: relay.url,
      ANTHROPIC_AUTH_TOKEN: "dummy",
      ANTHROPIC_MODEL: model,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_TELEMETRY: "1",
      DISABLE_AUTOUPDATER: "1",
      CLAUDE_CODE_MAX_RETRIES: "0",
      CI: "true",
    },
  });
  const [code, stdout, stderr] = await Promise.all([child.exited, new Response(child.stdout).text(), new Response(child.stderr).text()]);
  if (code !== 0) throw new Error(`claude exited ${code}: ${stdout}${stderr}`);
  return JSON.parse(stdout) as ClaudeResult;
}

describe.skipIf(!existsSync(claude))("Claude Code CLI through the relay", () => {
  test("a Bash round trip on a native Claude model (claude-sonnet-4.5 via /v1/messages)", async () => {
    const result = await runClaude("claude-sonnet-4-5-20250929", "[[tool]] run the command");
    expect(result).toMatchObject({ type: "result", subtype: "success", is_error: false });
    expect(result.result).toContain("Tool said: hi");

    const requests = relay.fake.find("/copilot/v1/messages");
    expect(requests).toHaveLength(2);
    expect(requests.map((request) => request.headers["x-initiator"])).toEqual(["user", "agent"]);
    const [first, second] = requests.map((request) => request.json as { model: string; messages: { role: string; content: unknown }[] });
    expect(first?.model).toBe("claude-sonnet-4.5");
    // Claude Code's betas were filtered to Copilot's list.
    expect(requests[0]?.headers["anthropic-beta"]?.split(",").every((beta) => ["interleaved-thinking-2025-05-14", "context-management-2025-06-27", "advanced-tool-use-2025-11-20"].includes(beta))).toBe(true);
    const toolResult = JSON.stringify(second?.messages.at(-1));
    expect(toolResult).toContain("tool_result");
    expect(toolResult).toContain("hi");
    expect(relay.fake.find("/copilot/chat/completions")).toHaveLength(0);
  });

  test("a Bash round trip on a translated model (gpt-4.1 via /chat/completions)", async () => {
    const result = await runClaude("gpt-4.1", "[[tool]] run the command");
    expect(result).toMatchObject({ type: "result", subtype: "success", is_error: false });
    expect(result.result).toContain("Tool said: hi");

    const requests = relay.fake.find("/copilot/chat/completions");
    expect(requests).toHaveLength(2);
    expect(requests.map((request) => request.headers["x-initiator"])).toEqual(["user", "agent"]);
    const second = requests[1]?.json as { messages: { role: string; content: unknown; tool_call_id?: string }[]; tools: { function: { name: string; parameters: Record<string, unknown> } }[] };
    const toolMessage = second.messages.find((message) => message.role === "tool");
    expect(String(toolMessage?.content)).toContain("hi");
    expect(second.tools.map((tool) => tool.function.name)).toEqual(["Bash"]);
    expect(JSON.stringify(second.tools)).not.toContain("$schema");
    expect(relay.fake.find("/copilot/v1/messages")).toHaveLength(0);
  });
});
