import { describe, expect, test } from "bun:test";
import { ConfigError, loadConfig } from "../../src/config/load-config.ts";
import { baseEnv, tempFiles } from "./temp-files.ts";

const files = tempFiles();

function problemsOf(yaml: string, env: Record<string, string> = {}): readonly string[] {
  try {
    loadConfig({ env: { ...baseEnv, ...env }, configFile: files.file("config.yaml", yaml) });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("providers and models: the file's shape", () => {
  test("the issue's example is valid and kept as written", () => {
    const yaml = `
providers:
  zai:   { type: openai, baseUrl: https://api.z.ai/api/coding/paas/v4, apiKey: zk-test }
  local: { type: ollama, baseUrl: http://127.0.0.1:11434 }
  claude: { type: anthropic, apiKey: sk-ant-test }
models:
  "glm-*":   { provider: zai }
  "qwen3:*": { provider: local }
  fast:      { provider: copilot, model: gpt-5-mini }
`;
    const config = loadConfig({ env: baseEnv, configFile: files.file("config.yaml", yaml) });
    expect(config.providers?.zai).toEqual({ type: "openai", baseUrl: "https://api.z.ai/api/coding/paas/v4", apiKey: "zk-test" });
    expect(Object.keys(config.models ?? {})).toEqual(["glm-*", "qwen3:*", "fast"]);
    expect(config.models?.fast).toEqual({ provider: "copilot", model: "gpt-5-mini" });
  });

  test("every problem is listed, each naming its path", () => {
    const problems = problemsOf(`
port: 99999
providers:
  zai: { type: openai, baseUrl: "not a url", apiKey: k }
  local: { type: olama }
  other: { type: openai, baseUrl: https://x.example, tlsVerify: maybe, timeouts: { connect: 0 }, retry: { maxAttempts: 0 } }
  claude: { type: anthropic, apiKey: k, colour: blue }
models:
  "glm-*": { provider: zia }
  fast: { model: gpt-5-mini }
`);
    expect(problems).toContain('Invalid value 99999 for port (config key "port"): expected an integer from 0 to 65535');
    expect(problems).toContain('Invalid configuration at providers.zai.baseUrl: expected an http:// or https:// URL (got "not a url")');
    expect(problems).toContainEqual(expect.stringMatching(/^Invalid configuration at providers\.local\.type: expected one of openai, anthropic, ollama, copilot, zai/));
    expect(problems).toContainEqual(expect.stringMatching(/^Invalid configuration at providers\.other\.tlsVerify: expected true or false/));
    expect(problems).toContainEqual(expect.stringMatching(/^Invalid configuration at providers\.other\.timeouts\.connect: expected a number from 0\.1 to 3600 \(got 0\)/));
    expect(problems).toContainEqual(expect.stringMatching(/^Invalid configuration at providers\.other\.retry\.maxAttempts: expected an integer from 1 to 11/));
    expect(problems).toContainEqual(expect.stringMatching(/^Invalid configuration at providers\.claude\.colour: unknown key \(known: type, baseUrl, apiKey/));
    expect(problems).toContain('Invalid configuration at models."glm-*".provider: unknown provider "zia" (known: copilot, zai, local, other, claude)');
    expect(problems).toContain("Invalid configuration at models.fast.provider: is required");
    expect(problems).toHaveLength(9);
  });

  test("one problem is the whole message; several are counted, one per line", () => {
    const run = (yaml: string) => () => loadConfig({ env: baseEnv, configFile: files.file("config.yaml", yaml) });
    expect(run("models:\n  x: { provider: nope }\n")).toThrow(/^Invalid configuration at models\.x\.provider: unknown provider "nope" \(known: copilot\)$/);
    expect(run("verbose: maybe\nmodels:\n  x: { provider: nope }\n")).toThrow(/^2 configuration problems:\n {2}Invalid value "maybe"[^\n]*\n {2}Invalid configuration at models\.x\.provider/);
  });

  test("unknown top-level keys are all listed with the other problems", () => {
    const problems = problemsOf("prot: 1\nhots: x\nproviders:\n  p: { type: ollama, baseUrl: ftp://x }\n");
    expect(problems.filter((problem) => problem.startsWith("Unknown config key"))).toHaveLength(2);
    expect(problems).toContainEqual(expect.stringContaining("providers.p.baseUrl: expected an http:// or https:// URL"));
  });

  test("an entry's field names may be kebab-case or snake_case like the top-level keys; an empty entry is {}", () => {
    const config = loadConfig({
      env: baseEnv,
      configFile: files.file("config.yaml", "providers:\n  local:\n    type: ollama\n    base_url: http://h:1\n    tls-verify: false\n    timeouts: { first_byte: 5 }\n  ollama:\n"),
    });
    expect(config.providers?.local).toEqual({ type: "ollama", baseUrl: "http://h:1", tlsVerify: false, timeouts: { firstByte: 5 } });
    expect(config.providers?.ollama).toEqual({});
  });

  test("provider names are plain words; copilot cannot change type and type copilot is only for it", () => {
    const problems = problemsOf("providers:\n  copilot: { type: openai, baseUrl: https://x.example }\n  'my provider': { type: ollama }\n  second: { type: copilot }\n");
    expect(problems).toContainEqual(expect.stringMatching(/providers\.copilot\.type: "copilot" is the built-in GitHub Copilot provider and cannot be redefined as type openai/));
    expect(problems).toContainEqual(expect.stringMatching(/providers\.copilot\.baseUrl: not for the built-in Copilot provider \(set copilotUrl instead\)/));
    expect(problems).toContainEqual(expect.stringMatching(/providers\."my provider": a provider name is letters/));
    expect(problems).toContainEqual(expect.stringMatching(/providers\.second\.type: type copilot is only for the built-in provider/));
  });

  test("options that belong to one type are refused on another, and a custom entry needs a type", () => {
    const problems = problemsOf("providers:\n  a: { type: ollama, responses: true, anthropicVersion: x }\n  b: { baseUrl: http://h }\n");
    expect(problems).toContain("Invalid configuration at providers.a.responses: applies to type openai only");
    expect(problems).toContain("Invalid configuration at providers.a.anthropicVersion: applies to type anthropic only");
    expect(problems).toContainEqual(expect.stringMatching(/^Invalid configuration at providers\.b\.type: missing: write type openai, anthropic or ollama, or a preset name/));
  });

  test("a wrong value under a secret-like key is not echoed", () => {
    const problems = problemsOf("providers:\n  p: { type: openai, baseUrl: http://h, apiKey: 123456789 }\n");
    expect(problems).toEqual(["Invalid configuration at providers.p.apiKey: expected a string"]);
  });
});

describe("providers and models: header rules and transforms that do not compile", () => {
  test("a bad regex, a bad JSONPath and a credential in an allowlist are all reported with their paths", () => {
    const problems = problemsOf(`
providers:
  zai:
    type: openai
    baseUrl: https://api.z.ai/api/coding/paas/v4
    apiKey: zk-test
    transforms:
      request:
        - { regex: "(unclosed", replace: "x" }
        - { drop: "$.a[" }
models:
  "glm-*": { provider: zai, headers: { mode: allowlist, list: [authorization] } }
`);
    expect(problems.some((problem) => problem.includes("providers.zai.transforms.request[0]"))).toBe(true);
    expect(problems.some((problem) => problem.includes("providers.zai.transforms.request[1]"))).toBe(true);
    expect(problems.some((problem) => problem.includes('models."glm-*".headers') || problem.includes("models.glm-*.headers"))).toBe(true);
  });
});
