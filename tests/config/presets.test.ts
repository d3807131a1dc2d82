import { describe, expect, test } from "bun:test";
import { ConfigError, loadConfig } from "../../src/config/load-config.ts";
import { patternMatches, resolveModelRoutes } from "../../src/config/model-routes.ts";
import type { ProviderSettings, UpstreamProviderSettings } from "../../src/config/provider-settings.ts";
import { resolveProviders } from "../../src/config/resolve-providers.ts";
import { baseEnv, tempFiles } from "./temp-files.ts";

const files = tempFiles();

function providersOf(yaml: string, env: Record<string, string> = {}): ProviderSettings[] {
  const fullEnv = { ...baseEnv, ...env };
  return resolveProviders(loadConfig({ env: fullEnv, configFile: files.file("config.yaml", yaml) }), fullEnv);
}
const upstream = (providers: ProviderSettings[], name: string): UpstreamProviderSettings => {
  const found = providers.find((provider) => provider.name === name);
  if (!found || found.type === "copilot") throw new Error(`no upstream provider ${name}`);
  return found;
};

describe("presets", () => {
  test("copilot is always there, first, with the global timeouts and retries", () => {
    const [copilot, ...rest] = providersOf("retries: 4\nconnect-timeout: 7\n");
    expect(rest).toEqual([]);
    expect(copilot).toEqual({
      name: "copilot",
      type: "copilot",
      timeouts: { connect: 7, firstByte: 300, streamIdle: 120 },
      retry: { maxAttempts: 5, maxTotalSeconds: 30 },
      tlsVerify: true,
    });
  });

  test("zai: {} takes the preset; the key comes from ZAI_API_KEY, else ZAI_CODING_API_KEY, else GLM_API_KEY", () => {
    const yaml = "providers:\n  zai: {}\n";
    expect(upstream(providersOf(yaml, { ZAI_API_KEY: "a", ZAI_CODING_API_KEY: "b", GLM_API_KEY: "c" }), "zai")).toMatchObject({
      type: "openai",
      baseUrl: "https://api.z.ai/api/coding/paas/v4",
      apiKey: "a",
      apiKeySource: "ZAI_API_KEY",
      responses: false,
      preset: "zai",
    });
    expect(upstream(providersOf(yaml, { ZAI_API_KEY: "", ZAI_CODING_API_KEY: "b", GLM_API_KEY: "c" }), "zai")).toMatchObject({ apiKey: "b", apiKeySource: "ZAI_CODING_API_KEY" });
    expect(upstream(providersOf(yaml, { GLM_API_KEY: "c" }), "zai")).toMatchObject({ apiKey: "c", apiKeySource: "GLM_API_KEY" });
    expect(() => providersOf(yaml)).toThrow(/providers\.zai\.apiKey: not set: set ZAI_API_KEY or ZAI_CODING_API_KEY or GLM_API_KEY in the environment, or write apiKey/);
  });

  test("every preset's server and key variable", () => {
    const env = { OPENROUTER_API_KEY: "or", DEEPSEEK_API_KEY: "ds", OPENAI_API_KEY: "oa", ANTHROPIC_API_KEY: "an" };
    const providers = providersOf("providers:\n  openrouter: {}\n  deepseek:\n  openai: {}\n  anthropic: {}\n  ollama: {}\n", env);
    const summary = providers.slice(1).map((provider) => provider.type !== "copilot" && [provider.name, provider.type, provider.baseUrl, provider.apiKey, provider.responses]);
    expect(summary).toEqual([
      ["openrouter", "openai", "https://openrouter.ai/api/v1", "or", false],
      ["deepseek", "openai", "https://api.deepseek.com", "ds", false],
      ["openai", "openai", "https://api.openai.com/v1", "oa", true],
      ["anthropic", "anthropic", "https://api.anthropic.com", "an", false],
      ["ollama", "ollama", "http://127.0.0.1:11434", undefined, false],
    ]);
    expect(upstream(providers, "anthropic").anthropicVersion).toBe("2023-06-01");
  });

  test("type names a preset; explicit fields override it; the trailing slash goes", () => {
    const providers = providersOf(
      "providers:\n  glm:\n    type: zai\n    apiKey: mine\n    baseUrl: https://api.z.ai/api/paas/v4/\n    timeouts: { firstByte: 9 }\n    retry: { maxAttempts: 1 }\n    tlsVerify: false\n    proxy: http://proxy.local:3128\n    models: [glm-4.6]\n",
      { ZAI_API_KEY: "from-env" },
    );
    expect(upstream(providers, "glm")).toEqual({
      name: "glm",
      type: "openai",
      baseUrl: "https://api.z.ai/api/paas/v4",
      apiKey: "mine",
      apiKeySource: "config",
      models: ["glm-4.6"],
      responses: false,
      preset: "zai",
      timeouts: { connect: 30, firstByte: 9, streamIdle: 120 },
      retry: { maxAttempts: 1, maxTotalSeconds: 30 },
      tlsVerify: false,
      proxy: "http://proxy.local:3128",
    });
  });

  test("a preset's key and Responses support never go to another server", () => {
    const providers = providersOf(
      "providers:\n  zai: { type: openai, baseUrl: https://api.z.ai/api/coding/paas/v4, apiKey: zk }\n  vllm: { type: openai, baseUrl: http://gpu:8000/v1 }\n  claude: { type: anthropic }\n  proxy-claude: { type: anthropic, baseUrl: https://llm-gateway.example }\n",
      { OPENAI_API_KEY: "oa", ANTHROPIC_API_KEY: "an" },
    );
    expect(upstream(providers, "zai")).toMatchObject({ apiKey: "zk", responses: false });
    expect(upstream(providers, "vllm").apiKey).toBeUndefined();
    expect(upstream(providers, "vllm").responses).toBe(false);
    expect(upstream(providers, "claude")).toMatchObject({ baseUrl: "https://api.anthropic.com", apiKey: "an", apiKeySource: "ANTHROPIC_API_KEY" });
    expect(upstream(providers, "proxy-claude").apiKey).toBeUndefined();
  });

  test('apiKey: "" means no key, even for a preset; responses can be switched on for any openai server', () => {
    const providers = providersOf('providers:\n  openai: { apiKey: "" }\n  vllm: { type: openai, baseUrl: http://gpu:8000/v1, responses: true }\n', { OPENAI_API_KEY: "oa" });
    expect(upstream(providers, "openai").apiKey).toBeUndefined();
    expect(upstream(providers, "vllm").responses).toBe(true);
  });

  test("copilot's own entry tunes the built-in provider and takes --copilot-url", () => {
    const [copilot] = providersOf("copilot-url: http://127.0.0.1:9/\nproviders:\n  copilot: { timeouts: { streamIdle: 5 }, tlsVerify: false }\n");
    expect(copilot).toMatchObject({ name: "copilot", type: "copilot", baseUrl: "http://127.0.0.1:9", tlsVerify: false, timeouts: { streamIdle: 5 } });
  });

  test("resolveProviders on its own reports every problem in one ConfigError", () => {
    const config = loadConfig({ env: { ...baseEnv, OPENROUTER_API_KEY: "x", DEEPSEEK_API_KEY: "y" }, configFile: files.file("config.yaml", "providers:\n  openrouter: {}\n  deepseek: {}\n") });
    const run = () => resolveProviders(config, baseEnv);
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/2 configuration problems:\n.*openrouter\.apiKey.*\n.*deepseek\.apiKey/);
  });
});

describe("model routes", () => {
  const yaml = 'providers:\n  local: { type: ollama }\nmodels:\n  "glm-*": { provider: local }\n  "*-mini": { provider: copilot }\n  glm-4.6: { provider: copilot, model: gpt-5-mini, timeouts: { firstByte: 3 } }\n';

  test("in file order, with the upstream model and per-route overrides", () => {
    const routes = resolveModelRoutes(loadConfig({ env: baseEnv, configFile: files.file("config.yaml", yaml) }));
    expect(routes).toEqual([
      { pattern: "glm-*", provider: "local" },
      { pattern: "*-mini", provider: "copilot" },
      { pattern: "glm-4.6", provider: "copilot", model: "gpt-5-mini", timeouts: { firstByte: 3 } },
    ]);
  });

  test("* matches any run of characters, the rest literally", () => {
    expect(patternMatches("qwen3:*", "qwen3:30b")).toBe(true);
    expect(patternMatches("qwen3:*", "qwen3")).toBe(false);
    expect(patternMatches("a*b*c", "abc")).toBe(true);
    expect(patternMatches("a*b*c", "aXbYc")).toBe(true);
    expect(patternMatches("a*b*c", "acb")).toBe(false);
    expect(patternMatches("ab*ba", "aba")).toBe(false);
    expect(patternMatches("gpt-4.1", "gpt-401")).toBe(false);
    expect(patternMatches("*", "")).toBe(true);
  });
});
