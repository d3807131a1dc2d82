import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { optionKeys } from "../../src/config/options.ts";
import { cliEnv, runCli, sourceEntry } from "../support/spawn-relay.ts";

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});
function env(extra: Record<string, string> = {}) {
  const made = cliEnv(undefined, extra);
  cleanups.push(made.cleanup);
  return made.env;
}
const defaultPath = (environment: Record<string, string>) => join(environment.XDG_CONFIG_HOME ?? "", "copilot-relay", "config.yaml");
const config = (args: string[], environment: Record<string, string>) => runCli(sourceEntry, ["config", ...args], environment);

describe("config init", () => {
  test("writes the starter at the default path, 0600, and refuses to overwrite it without --force", async () => {
    const environment = env();
    const path = defaultPath(environment);
    const first = await config(["init"], environment);
    expect(first).toMatchObject({ code: 0, stdout: `Wrote ${path}\n` });
    expect(statSync(path).mode & 0o777).toBe(0o600);

    writeFileSync(path, "port: 1\n");
    const again = await config(["init"], environment);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists; add --force to overwrite it");
    expect(readFileSync(path, "utf8")).toBe("port: 1\n");

    expect((await config(["init", "--force"], environment)).code).toBe(0);
    expect(readFileSync(path, "utf8")).toContain("# port: 4141");
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test("the starter shows every option with its env name and default, plus provider examples, and is valid as written and uncommented", async () => {
    const environment = env();
    const path = join(environment.HOME ?? "", "relay.yaml");
    expect((await config(["init", "--config", path], environment)).code).toBe(0);
    const text = readFileSync(path, "utf8");
    for (const key of optionKeys) expect(text).toMatch(new RegExp(`^# ${key}:`, "m"));
    expect(text).toContain("env COPILOT_RELAY_MAX_UPSTREAM_REQUESTS");
    expect(text).toContain('# host: "127.0.0.1"');
    expect(text).toContain("# providers:");
    expect(text).toContain('#   "glm-*": { provider: zai }');
    expect(await config(["validate", "--config", path], environment)).toMatchObject({ code: 0, stdout: `OK: ${path}\n` });

    // Every option line uncommented: the defaults, read back from the file.
    const uncommented = text.replace(new RegExp(`^# ((?:${optionKeys.join("|")}):.*)$`, "gm"), "$1");
    writeFileSync(path, uncommented);
    const shown = await config(["show", "--json", "--config", path], environment);
    expect(shown.code).toBe(0);
    const options = JSON.parse(shown.stdout).options as Record<string, { value: unknown; source: string }>;
    expect(options.port).toEqual({ value: 4141, source: "file" });
    expect(options.ollamaPort).toStrictEqual({ value: null, source: "unset" });
  });

  test("init takes only its own flags", async () => {
    const result = await config(["init", "--json"], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option --json for 'copilot-relay config init'");
  });
});

describe("config show", () => {
  const secrets = {
    zai: "zk-0123456789abcdefSECRET",
    github: "gho_abcdefghijklmnopqrstuvwxyz012345",
    clientKey: "client-key-0123456789SECRET",
    header: "hdr-0123456789SECRET",
  };
  const file = `port: 5000
api-keys: [${secrets.clientKey}]
providers:
  zai: {}
  local: { type: ollama, headers: { set: { x-api-key: ${secrets.header} } } }
models:
  "glm-*": { provider: zai }
`;

  test("each option's value and where it came from; secrets masked to 4 characters", async () => {
    const environment = env({ ZAI_API_KEY: secrets.zai, COPILOT_RELAY_GITHUB_TOKEN: secrets.github, COPILOT_RELAY_HOST: "127.0.0.2" });
    const path = defaultPath(environment);
    await config(["init"], environment);
    writeFileSync(path, file);
    const result = await config(["show", "--verbose"], environment);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    const row = (key: string) => lines.find((line) => line.trimStart().startsWith(`${key} `)) ?? "";
    expect(result.stdout).toContain(`Config file: ${path}\n`);
    expect(row("port")).toMatch(/5000\s+file$/);
    expect(row("host")).toMatch(/127\.0\.0\.2\s+env COPILOT_RELAY_HOST$/);
    expect(row("verbose")).toMatch(/true\s+flag --verbose$/);
    expect(row("retries")).toMatch(/2\s+default$/);
    expect(row("githubToken")).toMatch(/gho_…\s+env COPILOT_RELAY_GITHUB_TOKEN$/);
    expect(row("apiKeys")).toContain('["clie…"]');
    expect(result.stdout).toContain("apiKey: zk-0…");
    expect(result.stdout).toContain("apiKeySource: ZAI_API_KEY");
    expect(result.stdout).toContain("pattern: glm-*");
    for (const secret of Object.values(secrets)) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
  });

  test("--json for machines, masked the same way", async () => {
    const environment = env({ ZAI_API_KEY: secrets.zai, COPILOT_RELAY_GITHUB_TOKEN: secrets.github });
    const path = join(environment.HOME ?? "", "c.yaml");
    writeFileSync(path, file);
    const result = await config(["show", "--json", "--config", path, "-p", "6000"], environment);
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout);
    expect(shown.configFile).toBe(path);
    expect(shown.options.port).toEqual({ value: 6000, source: "flag --port" });
    expect(shown.options.githubToken.value).toBe("gho_…");
    expect(shown.providers.map((provider: { name: string }) => provider.name)).toEqual(["copilot", "zai", "local"]);
    expect(shown.providers[1]).toMatchObject({ type: "openai", apiKey: "zk-0…", apiKeySource: "ZAI_API_KEY" });
    expect(shown.providers[2].headers).toEqual({ set: { "x-api-key": "hdr-…" } });
    expect(shown.models).toEqual([{ pattern: "glm-*", provider: "zai" }]);
    for (const secret of Object.values(secrets)) expect(result.stdout).not.toContain(secret);
  });

  test("an invalid configuration is exit code 2", async () => {
    const result = await config(["show"], env({ COPILOT_RELAY_PORT: "x" }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("COPILOT_RELAY_PORT");
  });
});

describe("config validate", () => {
  test("lists every problem with the file's path and exits 2", async () => {
    const environment = env();
    const path = join(environment.HOME ?? "", "bad.yaml");
    writeFileSync(path, 'verbose: maybe\nproviders:\n  zai: { type: openai, baseUrl: nope, apiKey: "${UNSET_KEY}" }\nmodels:\n  "glm-*": { provider: zia }\n');
    const result = await config(["validate", "--config", path], environment);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`copilot-relay: ${path}: 4 configuration problems:`);
    expect(lines.slice(1)).toEqual([
      "  Invalid configuration at providers.zai.apiKey: environment variable UNSET_KEY is not set (write ${UNSET_KEY:-} to allow it to be empty)",
      '  Invalid value "maybe" for verbose (config key "verbose"): expected true or false',
      '  Invalid configuration at providers.zai.baseUrl: expected an http:// or https:// URL (got "nope")',
      '  Invalid configuration at models."glm-*".provider: unknown provider "zia" (known: copilot, zai)',
    ]);
  });

  test("reads COPILOT_RELAY_CONFIG, else the default path; a missing file is exit code 2", async () => {
    const environment = env();
    const missing = await config(["validate"], environment);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`Config file not found: ${defaultPath(environment)}`);

    const path = join(environment.HOME ?? "", "ok.json");
    writeFileSync(path, '{"port": 1234, "providers": {"local": {"type": "ollama"}}}');
    expect(await config(["validate"], { ...environment, COPILOT_RELAY_CONFIG: path })).toMatchObject({ code: 0, stdout: `OK: ${path}\n` });
  });

  test("strict arguments and subcommands", async () => {
    const environment = env();
    for (const [args, message] of [
      [["validate", "--bogus"], "Unknown option --bogus for 'copilot-relay config validate'"],
      [["validate", "extra"], "Unexpected argument 'extra'"],
      [[], "'copilot-relay config' needs a subcommand: init, show, validate"],
      [["frob"], "Unknown subcommand 'frob' for 'copilot-relay config'"],
    ] as const) {
      const result = await config([...args], environment);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    }
    const help = await config(["--help"], environment);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("validate");
    expect((await config(["show", "--help"], environment)).stdout).toContain("--json");
  });
});
