import { describe, expect, test } from "bun:test";
import { loadConfig } from "../../src/config/load-config.ts";
import { resolveProviders } from "../../src/config/resolve-providers.ts";
import { baseEnv, tempFiles } from "./temp-files.ts";

const files = tempFiles();
const env = { ...baseEnv, ZAI_API_KEY: "zk-from-env", LOCAL_URL: "http://127.0.0.1:11434" };

const yaml = `
port: 5000
api-keys: [one, two]
providers:
  zai: {}
  local: { type: ollama, baseUrl: "\${LOCAL_URL}" }
models:
  "glm-*": { provider: zai }
  fast: { provider: copilot, model: gpt-5-mini }
`;
const json = JSON.stringify(
  {
    port: 5000,
    "api_keys": ["one", "two"],
    providers: { zai: {}, local: { type: "ollama", baseUrl: "${LOCAL_URL}" } },
    models: { "glm-*": { provider: "zai" }, fast: { provider: "copilot", model: "gpt-5-mini" } },
  },
  null,
  "\t",
);

describe("YAML and JSON config files", () => {
  test("the same settings as YAML and as JSON load to the same configuration", () => {
    const fromYaml = loadConfig({ env, configFile: files.file("config.yaml", yaml) });
    const fromJson = loadConfig({ env, configFile: files.file("config.json", json) });
    const { configFile: _yamlPath, ...yamlConfig } = fromYaml;
    const { configFile: _jsonPath, ...jsonConfig } = fromJson;
    expect(jsonConfig).toEqual(yamlConfig);
    expect(fromJson).toMatchObject({ port: 5000, apiKeys: ["one", "two"], models: { fast: { model: "gpt-5-mini" } } });
    expect(resolveProviders(fromJson, env).map((provider) => [provider.name, provider.baseUrl])).toEqual([
      ["copilot", undefined],
      ["zai", "https://api.z.ai/api/coding/paas/v4"],
      ["local", "http://127.0.0.1:11434"],
    ]);
  });

  test("broken JSON is reported as JSON, broken YAML as YAML", () => {
    expect(() => loadConfig({ env, configFile: files.file("config.json", '{"port": 1,') })).toThrow(/config\.json is not valid JSON/);
    expect(() => loadConfig({ env, configFile: files.file("config.yaml", "port: [1,\n") })).toThrow(/config\.yaml is not valid YAML/);
  });

  test("a file that is not a mapping, and an empty one", () => {
    expect(() => loadConfig({ env, configFile: files.file("config.json", "[1, 2]") })).toThrow(/must be a mapping of keys to values/);
    expect(loadConfig({ env, configFile: files.file("config.yaml", "# nothing yet\n") }).port).toBe(4141);
  });
});
