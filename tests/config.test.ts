import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig } from "../src/config/load-config.ts";
import { toEnvName } from "../src/config/options.ts";

const dirs: string[] = [];
function configFile(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "copilot-relay-config-"));
  dirs.push(dir);
  const path = join(dir, "config.yaml");
  writeFileSync(path, yaml);
  return path;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const baseEnv = { HOME: "/nonexistent-home", XDG_CONFIG_HOME: "/nonexistent-config" };

describe("configuration precedence: flag > env > file > default", () => {
  test("defaults apply when nothing is set, and the bind address is loopback", () => {
    const config = loadConfig({ env: baseEnv });
    expect(config.port).toBe(4141);
    expect(config.host).toBe("127.0.0.1");
    expect(config.accountType).toBe("individual");
    expect(config.home).toBe("/nonexistent-home/.local/share/copilot-relay");
    expect(config.githubUrl).toBe("https://github.com");
    expect(config.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test("each layer overrides the one below it", () => {
    const file = configFile("port: 1111\naccount-type: business\nverbose: true\neditor_version: vscode/9.9.9\n");
    const fromFile = loadConfig({ env: baseEnv, configFile: file });
    expect(fromFile).toMatchObject({ port: 1111, accountType: "business", verbose: true, editorVersion: "vscode/9.9.9" });

    const env = { ...baseEnv, COPILOT_RELAY_PORT: "2222", COPILOT_RELAY_ACCOUNT_TYPE: "enterprise", COPILOT_RELAY_VERBOSE: "false" };
    const fromEnv = loadConfig({ env, configFile: file });
    expect(fromEnv).toMatchObject({ port: 2222, accountType: "enterprise", verbose: false, editorVersion: "vscode/9.9.9" });

    const fromFlags = loadConfig({ env, configFile: file, flags: { port: "3333", verbose: true } });
    expect(fromFlags).toMatchObject({ port: 3333, accountType: "enterprise", verbose: true });
  });

  test("COPILOT_RELAY_CONFIG names the file when no flag does", () => {
    const file = configFile("host: 0.0.0.0\n");
    expect(loadConfig({ env: { ...baseEnv, COPILOT_RELAY_CONFIG: file } }).host).toBe("0.0.0.0");
  });

  test("the env names are the documented ones", () => {
    expect(toEnvName("home")).toBe("COPILOT_RELAY_HOME");
    expect(toEnvName("githubUrl")).toBe("COPILOT_RELAY_GITHUB_URL");
    expect(toEnvName("githubApiUrl")).toBe("COPILOT_RELAY_GITHUB_API_URL");
    expect(toEnvName("copilotUrl")).toBe("COPILOT_RELAY_COPILOT_URL");
    const config = loadConfig({
      env: { ...baseEnv, COPILOT_RELAY_HOME: "/data", COPILOT_RELAY_GITHUB_URL: "http://127.0.0.1:9/", COPILOT_RELAY_COPILOT_URL: "http://127.0.0.1:8" },
    });
    expect(config).toMatchObject({ home: "/data", githubUrl: "http://127.0.0.1:9", copilotUrl: "http://127.0.0.1:8" });
  });

  test("an enterprise host derives the GHE.com URLs unless they are set explicitly", () => {
    const config = loadConfig({ env: baseEnv, flags: { enterpriseUrl: "https://acme.ghe.com/" } });
    expect(config).toMatchObject({
      enterpriseUrl: "acme.ghe.com",
      githubUrl: "https://acme.ghe.com",
      githubApiUrl: "https://api.acme.ghe.com",
      copilotUrl: "https://copilot-api.acme.ghe.com",
    });
    const explicit = loadConfig({ env: { ...baseEnv, COPILOT_RELAY_GITHUB_API_URL: "http://127.0.0.1:1" }, flags: { enterpriseUrl: "acme.ghe.com" } });
    expect(explicit.githubApiUrl).toBe("http://127.0.0.1:1");
  });
});

describe("bad values name the key, the value and what is allowed", () => {
  const expectError = (run: () => unknown, pattern: RegExp) => {
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(pattern);
  };
  test("invalid enum from a flag", () => {
    expectError(() => loadConfig({ env: baseEnv, flags: { accountType: "gold" } }), /"gold" for accountType \(--account-type\): expected one of individual, business, enterprise/);
  });
  test("invalid integer from the environment", () => {
    expectError(() => loadConfig({ env: { ...baseEnv, COPILOT_RELAY_PORT: "80a" } }), /"80a" for port \(COPILOT_RELAY_PORT\): expected an integer from 0 to 65535/);
    expectError(() => loadConfig({ env: { ...baseEnv, COPILOT_RELAY_PORT: "70000" } }), /70000/);
  });
  test("invalid boolean and unknown key in the file", () => {
    expectError(() => loadConfig({ env: baseEnv, configFile: configFile("verbose: maybe\n") }), /"maybe" for verbose \(config key "verbose"\): expected true or false/);
    expectError(() => loadConfig({ env: baseEnv, configFile: configFile("prot: 1\n") }), /Unknown config key "prot"/);
  });
  test("a missing explicit file and broken YAML are errors", () => {
    expectError(() => loadConfig({ env: baseEnv, configFile: "/nonexistent/config.yaml" }), /Config file not found/);
    expectError(() => loadConfig({ env: baseEnv, configFile: configFile("port: [1,\n") }), /not valid YAML/);
  });
  test("a URL that is not one", () => {
    expectError(() => loadConfig({ env: { ...baseEnv, COPILOT_RELAY_GITHUB_API_URL: "not a url" } }), /githubApiUrl \(COPILOT_RELAY_GITHUB_API_URL\): expected a URL/);
  });
});
