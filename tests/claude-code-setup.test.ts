import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliUsageError } from "../src/cli/cli-error.ts";
import {
  chooseClaudeModels,
  claudeCodeEnv,
  claudeCodeModels,
  ClaudeSettingsError,
  claudeSettingsPath,
  clientBaseUrl,
  detectShell,
  formatShellEnv,
  mergeClaudeSettings,
  type SelectModel,
} from "../src/cli/claude-code.ts";
import type { CopilotModel } from "../src/providers/copilot/model.ts";
import { type FakeUpstream, startFakeUpstream } from "./fake-upstream/index.ts";

const repoRoot = join(import.meta.dir, "..");
const temporaryDirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "claude-code-setup-"));
  temporaryDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

const chat = (id: string, endpoints?: string[], extra: Partial<CopilotModel> = {}): CopilotModel => ({
  id,
  supported_endpoints: endpoints,
  capabilities: { type: "chat" },
  ...extra,
});
const MESSAGES = ["/chat/completions", "/v1/messages"];
const CATALOGUE: CopilotModel[] = [
  chat("gpt-4.1", ["/chat/completions", "/responses"]),
  chat("gpt-5-mini", ["/chat/completions", "/responses"]),
  chat("gpt-5.1-codex", ["/responses"]),
  chat("claude-sonnet-4", MESSAGES),
  chat("claude-sonnet-4.5", MESSAGES),
  chat("claude-opus-4.6", MESSAGES),
  chat("claude-haiku-4.5", MESSAGES),
  chat("gemini-2.5-pro"),
  { id: "text-embedding-3-small", capabilities: { type: "embeddings" } },
];

describe("claude-code: environment and shells", () => {
  const env = claudeCodeEnv({ host: "0.0.0.0", port: 4141, model: "claude-sonnet-4.5", smallModel: "claude-haiku-4.5" });

  test("points Claude Code at the relay with the chosen models", () => {
    expect(env).toEqual({
      ANTHROPIC_BASE_URL: "http://127.0.0.1:4141",
      ANTHROPIC_AUTH_TOKEN: "dummy",
      ANTHROPIC_MODEL: "claude-sonnet-4.5",
      ANTHROPIC_DEFAULT_OPUS_MODEL: "claude-sonnet-4.5",
      ANTHROPIC_DEFAULT_SONNET_MODEL: "claude-sonnet-4.5",
      ANTHROPIC_DEFAULT_HAIKU_MODEL: "claude-haiku-4.5",
      ANTHROPIC_SMALL_FAST_MODEL: "claude-haiku-4.5",
      DISABLE_NON_ESSENTIAL_MODEL_CALLS: "1",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    });
    expect(claudeCodeEnv({ host: "127.0.0.1", port: 1, model: "m", smallModel: "s", authToken: "key-1" }).ANTHROPIC_AUTH_TOKEN).toBe("key-1");
  });

  test("wildcard and IPv6 hosts become reachable URLs", () => {
    expect(clientBaseUrl("localhost", 80)).toBe("http://localhost:80");
    expect(clientBaseUrl("::", 4141)).toBe("http://[::1]:4141");
    expect(clientBaseUrl("::1", 4141)).toBe("http://[::1]:4141");
    expect(clientBaseUrl("[fe80::1]", 4141)).toBe("http://[fe80::1]:4141");
    expect(clientBaseUrl("192.168.1.5", 4141)).toBe("http://192.168.1.5:4141");
  });

  const tricky = { A: "it's a \\ test", B: "plain" };

  test("bash and zsh: export with single quotes, quote escaped as '\\''", () => {
    const expected = `export A='it'\\''s a \\ test'\nexport B='plain'\n# Then run: claude\n`;
    expect(formatShellEnv(tricky, "bash")).toBe(expected);
    expect(formatShellEnv(tricky, "zsh")).toBe(expected);
  });

  test("fish: set -gx with backslash-escaped quote and backslash", () => {
    expect(formatShellEnv(tricky, "fish")).toBe(`set -gx A 'it\\'s a \\\\ test'\nset -gx B 'plain'\n# Then run: claude\n`);
  });

  test("PowerShell: $env: with doubled single quotes (typographic ones too)", () => {
    expect(formatShellEnv({ ...tricky, C: "a\u2019b" }, "powershell")).toBe(
      `$env:A = 'it''s a \\ test'\n$env:B = 'plain'\n$env:C = 'a\u2019\u2019b'\n# Then run: claude\n`,
    );
  });

  test("cmd: set \"K=v\" and a rem hint; refuses what cmd cannot express", () => {
    expect(formatShellEnv({ A: `say "hi" & go`, B: "x" }, "cmd")).toBe(`set "A=say "hi" & go"\nset "B=x"\nrem Then run: claude\n`);
    expect(() => formatShellEnv({ A: "two\nlines" }, "cmd")).toThrow("line break");
    expect(() => formatShellEnv({ A: "%PATH%" }, "cmd")).toThrow("expand");
    expect(() => formatShellEnv({ "BAD-NAME": "x" }, "bash")).toThrow("Invalid environment variable name");
  });

  test("the printed bash lines round-trip through a real shell", () => {
    const value = `it's "quoted" $HOME \`date\` \\ done`;
    const script = `${formatShellEnv({ RELAY_TEST: value }, "bash")}printf %s "$RELAY_TEST"`;
    const result = Bun.spawnSync(["bash", "-c", script]);
    expect(result.stdout.toString()).toBe(value);
  });

  test("detects the shell from $SHELL and the platform", () => {
    expect(detectShell({ SHELL: "/usr/bin/fish" }, "linux")).toBe("fish");
    expect(detectShell({ SHELL: "/bin/zsh" }, "darwin")).toBe("zsh");
    expect(detectShell({ SHELL: "/bin/sh" }, "linux")).toBe("bash");
    expect(detectShell({}, "linux")).toBe("bash");
    expect(detectShell({}, "win32")).toBe("powershell");
    expect(detectShell({ SHELL: "C:\\Program Files\\Git\\usr\\bin\\bash.exe" }, "win32")).toBe("bash");
  });
});

describe("claude-code: settings.json", () => {
  const env = { ANTHROPIC_BASE_URL: "http://127.0.0.1:4141", ANTHROPIC_MODEL: "claude-sonnet-4.5" };

  test("keeps unrelated keys and env entries, overrides ours, and writes a backup first", () => {
    const dir = tempDir();
    const path = join(dir, "settings.json");
    const original = JSON.stringify({ permissions: { allow: ["Bash(ls:*)"] }, env: { MY_VAR: "keep", ANTHROPIC_MODEL: "old" }, model: "opus" });
    writeFileSync(path, original, { mode: 0o600 });
    const result = mergeClaudeSettings(path, env, new Date("2025-01-02T03:04:05.678Z"));

    expect(result.backupPath).toBe(`${path}.bak-20250102T030405Z`);
    expect(readFileSync(result.backupPath!, "utf8")).toBe(original);
    const text = readFileSync(path, "utf8");
    expect(text).toContain('\n  "permissions"'); // pretty-printed
    expect(JSON.parse(text)).toEqual({
      permissions: { allow: ["Bash(ls:*)"] },
      env: { MY_VAR: "keep", ANTHROPIC_MODEL: "claude-sonnet-4.5", ANTHROPIC_BASE_URL: "http://127.0.0.1:4141" },
      model: "opus",
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // A second run in the same second keeps the first backup and adds another.
    const again = mergeClaudeSettings(path, env, new Date("2025-01-02T03:04:05.999Z"));
    expect(again.backupPath).toBe(`${path}.bak-20250102T030405Z-1`);
    expect(readdirSync(dir).filter((name) => name.includes(".tmp-"))).toEqual([]);
  });

  test("creates the file and its directory when absent, without a backup", () => {
    const path = join(tempDir(), "nested", ".claude", "settings.json");
    const result = mergeClaudeSettings(path, env);
    expect(result.backupPath).toBeUndefined();
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ env });
  });

  test("refuses malformed JSON, non-objects and a non-object env, leaving the file untouched", () => {
    const dir = tempDir();
    for (const [name, content] of [
      ["broken.json", '{ "env": { "A": 1 }, '],
      ["array.json", "[1, 2]"],
      ["env.json", '{"env": "nope"}'],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, content);
      expect(() => mergeClaudeSettings(path, env)).toThrow(ClaudeSettingsError);
      expect(readFileSync(path, "utf8")).toBe(content);
    }
    expect(readdirSync(dir).sort()).toEqual(["array.json", "broken.json", "env.json"]);
  });

  test("writes through a symlinked settings file instead of replacing the link", () => {
    const dir = tempDir();
    const real = join(dir, "dotfiles-settings.json");
    writeFileSync(real, JSON.stringify({ theme: "dark" }));
    const link = join(dir, "settings.json");
    symlinkSync(real, link);
    mergeClaudeSettings(link, env);
    expect(JSON.parse(readFileSync(real, "utf8"))).toEqual({ theme: "dark", env });
    expect(readFileSync(link, "utf8")).toBe(readFileSync(real, "utf8"));
  });

  test("the default path honours CLAUDE_CONFIG_DIR", () => {
    expect(claudeSettingsPath({ HOME: "/home/me" })).toBe(join("/home/me", ".claude", "settings.json"));
    expect(claudeSettingsPath({ HOME: "/home/me", CLAUDE_CONFIG_DIR: "/cfg/claude" })).toBe(join("/cfg/claude", "settings.json"));
  });
});

describe("claude-code: model choice", () => {
  test("lists chat models usable over Messages or Chat Completions, Claude first", () => {
    expect(claudeCodeModels(CATALOGUE).map((model) => model.id)).toEqual([
      "claude-sonnet-4",
      "claude-sonnet-4.5",
      "claude-opus-4.6",
      "claude-haiku-4.5",
      "gpt-4.1",
      "gpt-5-mini",
      "gemini-2.5-pro",
    ]);
  });

  test("defaults without a terminal: newest Sonnet and newest Haiku, Opus tier to the newest Opus", async () => {
    expect(await chooseClaudeModels(CATALOGUE, { interactive: false })).toEqual({
      model: "claude-sonnet-4.5",
      smallModel: "claude-haiku-4.5",
      opusModel: "claude-opus-4.6",
      sonnetModel: "claude-sonnet-4.5",
    });
  });

  test("falls back to Opus, gpt-5-mini, then the main model", async () => {
    const noSonnetNoHaiku = CATALOGUE.filter((model) => !/sonnet|haiku/.test(model.id));
    expect(await chooseClaudeModels(noSonnetNoHaiku, { interactive: false })).toMatchObject({ model: "claude-opus-4.6", smallModel: "gpt-5-mini" });
    expect(await chooseClaudeModels([chat("gpt-4.1")], { interactive: false })).toMatchObject({ model: "gpt-4.1", smallModel: "gpt-4.1" });
    await expect(chooseClaudeModels([chat("gpt-5.1-codex", ["/responses"])], { interactive: false })).rejects.toThrow("no chat models");
  });

  test("given ids are resolved like requests: dashes, dates and family names", async () => {
    const choice = await chooseClaudeModels(CATALOGUE, { model: "claude-opus-4-6-20260101", smallModel: "haiku", interactive: false });
    expect(choice).toEqual({ model: "claude-opus-4.6", smallModel: "claude-haiku-4.5", opusModel: "claude-opus-4.6", sonnetModel: "claude-sonnet-4.5" });
    expect((await chooseClaudeModels(CATALOGUE, { model: "fast", interactive: false, aliases: { fast: "gpt-5-mini" } })).model).toBe("gpt-5-mini");
  });

  test("an unknown or unusable id fails with the available ids", async () => {
    const failure = chooseClaudeModels(CATALOGUE, { model: "claude-sonnet-9", interactive: false });
    await expect(failure).rejects.toThrow(CliUsageError);
    await expect(failure).rejects.toThrow(/Unknown model 'claude-sonnet-9' for --model.*Available: claude-sonnet-4, claude-sonnet-4.5, .*gemini-2.5-pro/);
    await expect(chooseClaudeModels(CATALOGUE, { smallModel: "gpt-5.1-codex", interactive: false })).rejects.toThrow("for --small-model");
    await expect(chooseClaudeModels(CATALOGUE, { smallModel: "text-embedding-3-small", interactive: false })).rejects.toThrow("Unknown model");
  });

  test("asks only for what was not given, offering the defaults first", async () => {
    const asked: { message: string; initial: string; ids: string[] }[] = [];
    const select: SelectModel = async (message, options, initial) => {
      asked.push({ message, initial, ids: options.map((option) => option.value) });
      return "gpt-5-mini";
    };
    const choice = await chooseClaudeModels(CATALOGUE, { model: "claude-sonnet-4.5", interactive: true, select });
    expect(choice).toMatchObject({ model: "claude-sonnet-4.5", smallModel: "gpt-5-mini" });
    expect(asked).toHaveLength(1);
    expect(asked[0]?.initial).toBe("claude-haiku-4.5");
    expect(asked[0]?.ids[0]).toBe("claude-sonnet-4");

    const notAsked = await chooseClaudeModels(CATALOGUE, { interactive: false, select });
    expect(notAsked.model).toBe("claude-sonnet-4.5");
    expect(asked).toHaveLength(1);
  });
});

describe("claude-code: the command against the fake upstream", () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => {
    await fake.stop();
  });

  const environment = (home: string): Record<string, string> => ({
    PATH: process.env.PATH ?? "",
    COPILOT_RELAY_GITHUB_URL: fake.url,
    COPILOT_RELAY_GITHUB_API_URL: fake.url,
    COPILOT_RELAY_HOME: home,
    COPILOT_RELAY_GITHUB_TOKEN: "gho_fake_user_token",
    XDG_CONFIG_HOME: join(home, "config"),
    CI: "true",
    NO_COLOR: "1",
    HOME: home,
  });
  const args = ["--model", "claude-sonnet-4.5", "--small-model", "claude-haiku-4.5", "--shell", "fish", "--port", "5555"];
  const expectedFish = [
    "set -gx ANTHROPIC_BASE_URL 'http://127.0.0.1:5555'",
    "set -gx ANTHROPIC_AUTH_TOKEN 'dummy'",
    "set -gx ANTHROPIC_MODEL 'claude-sonnet-4.5'",
    "set -gx ANTHROPIC_DEFAULT_OPUS_MODEL 'claude-opus-4.6'",
    "set -gx ANTHROPIC_DEFAULT_SONNET_MODEL 'claude-sonnet-4.5'",
    "set -gx ANTHROPIC_DEFAULT_HAIKU_MODEL 'claude-haiku-4.5'",
    "set -gx ANTHROPIC_SMALL_FAST_MODEL 'claude-haiku-4.5'",
    "set -gx DISABLE_NON_ESSENTIAL_MODEL_CALLS '1'",
    "set -gx CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC '1'",
    "# Then run: claude",
  ];

  async function run(command: string[], home: string) {
    const child = Bun.spawn(command, { cwd: repoRoot, env: environment(home), stdin: "ignore", stdout: "pipe", stderr: "pipe" });
    const [code, stdout, stderr] = await Promise.all([child.exited, new Response(child.stdout).text(), new Response(child.stderr).text()]);
    return { code, stdout, stderr };
  }

  /** The command run the way src/cli/index.ts runs a subcommand (strict flags, then citty), whether registered or not. */
  const direct = (extra: string[]) => [
    process.execPath,
    "-e",
    `import { runCommand } from "citty";
     import { claudeCodeCommand } from "./src/cli/claude-code.ts";
     import { assertKnownArgs } from "./src/cli/strict-args.ts";
     const rawArgs = ${JSON.stringify(extra)};
     try {
       assertKnownArgs("copilot-relay claude-code", claudeCodeCommand.args, rawArgs);
       await runCommand(claudeCodeCommand, { rawArgs });
       process.exit(0);
     } catch (error) {
       process.stderr.write("copilot-relay: " + error.message + "\\n");
       process.exit(1);
     }`,
  ];

  test("prints fish lines after fetching the account's models", async () => {
    const before = fake.find("/copilot/models").length;
    const result = await run(direct(args), tempDir());
    expect(result.stderr).toContain("main claude-sonnet-4.5, small claude-haiku-4.5");
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split("\n")).toEqual(expectedFish);
    expect(fake.find("/copilot/models").length).toBe(before + 1);
  });

  test("--write-settings merges into $HOME/.claude/settings.json and prints nothing on stdout", async () => {
    const home = tempDir();
    mkdirSync(join(home, ".claude"));
    writeFileSync(join(home, ".claude", "settings.json"), JSON.stringify({ env: { KEEP: "1" }, theme: "dark" }));
    const result = await run(direct([...args.slice(0, 4), "--write-settings", "--port", "5555"]), home);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    const settings = JSON.parse(readFileSync(join(home, ".claude", "settings.json"), "utf8"));
    expect(settings.theme).toBe("dark");
    expect(settings.env).toMatchObject({ KEEP: "1", ANTHROPIC_BASE_URL: "http://127.0.0.1:5555", ANTHROPIC_MODEL: "claude-sonnet-4.5" });
    expect(readdirSync(join(home, ".claude")).some((name) => name.startsWith("settings.json.bak-"))).toBe(true);
  });

  test("an unknown model fails with the available ids; an unknown shell fails before any network call", async () => {
    const unknownModel = await run(direct(["--model", "claude-sonnet-9"]), tempDir());
    expect(unknownModel.code).not.toBe(0);
    expect(unknownModel.stderr).toContain("Unknown model 'claude-sonnet-9' for --model");
    expect(unknownModel.stderr).toContain("Available: claude-sonnet-4.5");

    const before = fake.requests.length;
    const unknownShell = await run(direct(["--shell", "tcsh"]), tempDir());
    expect(unknownShell.code).not.toBe(0);
    expect(unknownShell.stderr).toContain("Unknown shell 'tcsh'");
    expect(fake.requests.length).toBe(before);
  });

  // Runs through src/main.ts once `"claude-code": claudeCodeCommand` is registered in src/cli/index.ts.
  const registered = readFileSync(join(repoRoot, "src", "cli", "index.ts"), "utf8").includes("claudeCodeCommand");
  test.skipIf(!registered)("copilot-relay claude-code --shell fish through src/main.ts", async () => {
    const before = fake.find("/copilot/models").length;
    const result = await run([join(repoRoot, "node_modules", ".bin", "bun"), "src/main.ts", "claude-code", ...args], tempDir());
    expect(result.stderr).not.toContain("copilot-relay:");
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split("\n")).toEqual(expectedFish);
    expect(fake.find("/copilot/models").length).toBe(before + 1);
  });
});
