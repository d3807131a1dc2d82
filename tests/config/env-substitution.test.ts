import { describe, expect, test } from "bun:test";
import { substituteEnv } from "../../src/config/env-substitution.ts";
import { ConfigError, loadConfig } from "../../src/config/load-config.ts";
import { baseEnv, tempFiles } from "./temp-files.ts";

const files = tempFiles();

describe("${VAR} in the config file's string values", () => {
  test("variables, defaults (also for an empty variable), the $${ escape, at any depth; keys untouched", () => {
    const env = { KEY: "k-1", EMPTY: "", HOST: "h.example" };
    const { value, problems } = substituteEnv(
      {
        "${KEY}": "https://${HOST}/v1",
        list: ["${KEY}", "${MISSING:-fallback}", "${EMPTY:-used}", "${EMPTY}", "${MISSING:-}"],
        nested: { literal: "$${KEY} costs $5", number: 5, flag: true, nothing: null },
      },
      env,
    );
    expect(problems).toEqual([]);
    expect(value).toEqual({
      "${KEY}": "https://h.example/v1",
      list: ["k-1", "fallback", "used", "", ""],
      nested: { literal: "${KEY} costs $5", number: 5, flag: true, nothing: null },
    });
  });

  test("an unset variable without a default and a malformed reference are problems naming the path", () => {
    const { problems } = substituteEnv({ providers: { zai: { apiKey: "${ZAI_API_KEY}" } }, models: { "glm-*": { model: "${1BAD}" } }, x: ["${OPEN"] }, {});
    expect(problems).toEqual([
      "Invalid configuration at providers.zai.apiKey: environment variable ZAI_API_KEY is not set (write ${ZAI_API_KEY:-} to allow it to be empty)",
      'Invalid configuration at models."glm-*".model: malformed variable reference "${1BAD}" (write ${NAME} or ${NAME:-default}; $${ for a literal ${)',
      'Invalid configuration at x[0]: malformed variable reference "${OPEN" (write ${NAME} or ${NAME:-default}; $${ for a literal ${)',
    ]);
  });

  test("through loadConfig: options and providers take substituted values, every missing variable is reported", () => {
    const path = files.file("config.yaml", 'port: "${RELAY_PORT}"\nhost: ${RELAY_HOST:-0.0.0.0}\nproviders:\n  zai: { apiKey: "${ZAI_KEY}" }\n');
    const config = loadConfig({ env: { ...baseEnv, RELAY_PORT: "5151", ZAI_KEY: "zk-abc" }, configFile: path });
    expect(config).toMatchObject({ port: 5151, host: "0.0.0.0", providers: { zai: { apiKey: "zk-abc" } } });

    const run = () => loadConfig({ env: baseEnv, configFile: path });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/2 configuration problems:\n {2}Invalid configuration at port: environment variable RELAY_PORT is not set[^\n]*\n {2}Invalid configuration at providers\.zai\.apiKey: environment variable ZAI_KEY is not set/);
  });

  test("comments are not values: a ${VAR} in a comment is ignored", () => {
    const config = loadConfig({ env: baseEnv, configFile: files.file("config.yaml", "# apiKey: ${NOT_SET}\nport: 1234\n") });
    expect(config.port).toBe(1234);
  });
});
