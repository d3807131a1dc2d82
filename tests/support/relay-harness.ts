import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import type { Config } from "../../src/config/schema.ts";
import type { Clock } from "../../src/core/clock.ts";
import { createLogger } from "../../src/core/logger.ts";
import { serveOptions } from "../../src/serve-options.ts";
import { formatAccessLine } from "../../src/services/access-log.ts";
import { createServices, type ServiceOverrides, type Services } from "../../src/services/create-services.ts";
import { type FakeUpstream, type FakeUpstreamOptions, startFakeUpstream } from "../fake-upstream/index.ts";

export interface LogLine {
  level: number;
  type: string;
  text: string;
}

export interface RelayHarness {
  fake: FakeUpstream;
  services: Services;
  /** http://127.0.0.1:PORT of the relay. */
  url: string;
  /** A second listener with the same routes, as `start --ollama-port` makes one. */
  secondUrl: string;
  config: Config;
  home: string;
  logs: LogLine[];
  stop(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeUpstreamOptions;
  /** Extra environment for loadConfig (COPILOT_RELAY_*). */
  env?: Record<string, string>;
  flags?: Record<string, unknown>;
  clock?: Clock;
  /** Skip services.start(), for tests of the not-ready state. */
  noStart?: boolean;
  githubToken?: string;
  /** Written to a config file the relay loads (for file-only keys such as `fallbacks`). */
  configFile?: Record<string, unknown>;
  /** How --manual asks, instead of a terminal. */
  approvalPrompter?: ServiceOverrides["approvalPrompter"];
}

/** The environment that points a relay at a fake upstream, as a user would with COPILOT_RELAY_* variables. */
export function fakeEnv(fake: FakeUpstream, home: string): Record<string, string> {
  return {
    COPILOT_RELAY_HOME: home,
    COPILOT_RELAY_GITHUB_URL: fake.url,
    COPILOT_RELAY_GITHUB_API_URL: fake.url,
    XDG_DATA_HOME: join(home, "xdg-data"),
    XDG_CONFIG_HOME: join(home, "xdg-config"),
    HOME: home,
  };
}

/** A fake upstream plus a relay served through real HTTP on random loopback ports. */
export async function startRelay(options: HarnessOptions = {}): Promise<RelayHarness> {
  const fake = await startFakeUpstream(options.fake);
  const home = mkdtempSync(join(tmpdir(), "copilot-relay-test-"));
  const env = { ...fakeEnv(fake, home), ...options.env };
  // No retries unless a test asks: most tests inject one failure and expect to see it.
  let configFile: string | undefined;
  if (options.configFile) {
    configFile = join(home, "config.yaml");
    writeFileSync(configFile, JSON.stringify(options.configFile));
  }
  const config = loadConfig({ env, flags: { port: 0, retries: 0, ...options.flags }, configFile });
  const logs: LogLine[] = [];
  const logger = createLogger({
    verbose: true,
    reporters: [
      {
        log: (entry) => {
          logs.push({ level: entry.level, type: entry.type, text: entry.args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join(" ") });
        },
      },
    ],
  });
  const services = createServices(config, {
    env,
    logger,
    clock: options.clock,
    tokenRetryBaseMs: 20,
    approvalPrompter: options.approvalPrompter,
    accessLog: (entry) => logs.push({ level: 3, type: "access", text: formatAccessLine(entry) }),
  });
  services.setGithubToken(options.githubToken ?? fake.options.githubToken ?? "gho_fake_user_token");
  const app = createApp(services).listen({ ...serveOptions(config, 0), idleTimeout: 0 });
  const second = createApp(services).listen({ ...serveOptions(config, 0), idleTimeout: 0 });
  if (!options.noStart) await services.start();
  return {
    fake,
    services,
    url: `http://127.0.0.1:${app.server?.port}`,
    secondUrl: `http://127.0.0.1:${second.server?.port}`,
    config,
    home,
    logs,
    async stop() {
      services.stop();
      await Promise.all([app.stop(true), second.stop(true)]);
      await fake.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
