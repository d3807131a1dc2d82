import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFetch } from "ofetch";
import { loadConfig } from "../../src/config/load-config.ts";
import { createLogger } from "../../src/core/logger.ts";
import { RelayError } from "../../src/core/relay-error.ts";
import { createServices } from "../../src/services/create-services.ts";
import { runDeviceFlow } from "../../src/services/device-flow.ts";
import { resolveGithubToken } from "../../src/services/github-token.ts";
import { writeTokenFile } from "../../src/services/token-file.ts";
import { type FakeUpstream, startFakeUpstream } from "../fake-upstream/index.ts";
import { FastClock, ManualClock, settle } from "../support/manual-clock.ts";
import { fakeEnv, type RelayHarness, startRelay } from "../support/relay-harness.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const quietLogger = () => createLogger({ reporters: [{ log: () => {} }] });
const http = createFetch({ fetch: ((input: string | URL | Request, init?: RequestInit) => fetch(input, init)) as typeof fetch, defaults: { retry: 0 } });

async function fake(options: Parameters<typeof startFakeUpstream>[0] = {}): Promise<FakeUpstream> {
  const upstream = await startFakeUpstream(options);
  cleanups.push(() => upstream.stop());
  return upstream;
}

async function relayWith(options: Parameters<typeof startRelay>[0]): Promise<RelayHarness> {
  const relay = await startRelay(options);
  cleanups.push(() => relay.stop());
  return relay;
}

describe("Copilot token lifecycle", () => {
  test("refreshes at refresh_in − 60 s and reschedules from each response", async () => {
    const clock = new ManualClock();
    const relay = await relayWith({ clock, fake: { refreshInSeconds: 1500 } });
    expect(relay.fake.tokensIssued).toBe(1);
    expect(clock.pending()).toContain(1440_000);
    await clock.advance(1439_000);
    expect(relay.fake.tokensIssued).toBe(1);
    await clock.advance(1_000);
    expect(relay.fake.tokensIssued).toBe(2);
    await clock.advance(1440_000);
    expect(relay.fake.tokensIssued).toBe(3);
    // Requests use the newest token.
    await fetch(`${relay.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] }) });
    expect(relay.fake.last("/copilot/chat/completions")?.headers.authorization).toContain("n=3");
  });

  test("a failed refresh retries with backoff while the current token stays in use", async () => {
    const clock = new ManualClock();
    const relay = await relayWith({ clock, fake: { refreshInSeconds: 1500 } });
    const firstToken = relay.fake.tokensIssued;
    relay.fake.inject({ path: "/copilot_internal/v2/token", status: 500, body: "boom", times: 2 });
    await clock.advance(1440_000);
    // Failed once; the retry is scheduled with jitter (ManualClock.random = 0.5 → 75% of the 20 ms base).
    expect(relay.fake.find("/copilot_internal/v2/token").length).toBe(2);
    expect(clock.pending()[0]).toBe(15);
    const response = await fetch(`${relay.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] }) });
    expect(response.status).toBe(200);
    expect(relay.fake.last("/copilot/chat/completions")?.headers.authorization).toContain(`n=${firstToken}`);
    await clock.advance(15);
    expect(relay.fake.find("/copilot_internal/v2/token").length).toBe(3);
    expect(clock.pending()[0]).toBe(30); // doubled backoff
    await clock.advance(30);
    expect(relay.fake.tokensIssued).toBe(firstToken + 1);
    expect(relay.logs.some((line) => line.text.includes("refresh failed (attempt 1)") && line.text.includes("current token stays in use"))).toBe(true);
  });

  test("concurrent refreshes share one exchange", async () => {
    const relay = await relayWith({});
    const before = relay.fake.tokensIssued;
    await Promise.all([relay.services.tokens.refresh(), relay.services.tokens.refresh(), relay.services.tokens.refresh()]);
    expect(relay.fake.tokensIssued).toBe(before + 1);
  });

  test("a personal access token gets a clear explanation", async () => {
    const upstream = await fake();
    const home = mkdtempSync(join(tmpdir(), "copilot-relay-pat-"));
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    const services = createServices(loadConfig({ env: fakeEnv(upstream, home) }), { logger: quietLogger() });
    services.setGithubToken("ghp_0123456789abcdef0123456789abcdef0123");
    const error = await services.start().catch((caught: unknown) => caught);
    services.stop();
    expect(error).toBeInstanceOf(RelayError);
    expect((error as Error).message).toMatch(/personal access token.*copilot-relay auth/);
  });
});

describe("device flow", () => {
  const login = (upstream: FakeUpstream, onCode: (code: { user_code: string; verification_uri: string }) => void = () => {}) =>
    runDeviceFlow({ http, githubUrl: upstream.url, clientId: "Iv1.b507a08c87ecfe98", clock: new FastClock(), onCode });

  test("waits through authorization_pending and slow_down, then returns the token", async () => {
    const upstream = await fake({ deviceFlow: { pendingPolls: 2, slowDownOnPoll: 2, interval: 5 } });
    let shown = "";
    const token = await login(upstream, (code) => {
      shown = `${code.verification_uri} ${code.user_code}`;
    });
    expect(token).toBe("gho_fake_user_token");
    expect(shown).toBe(`${upstream.url}/login/device ABCD-1234`);
    const polls = upstream.find("/login/oauth/access_token");
    expect(polls.length).toBe(4);
    expect(polls[0]?.json).toMatchObject({ client_id: "Iv1.b507a08c87ecfe98", grant_type: "urn:ietf:params:oauth:grant-type:device_code" });
  });

  test("slow_down adds five seconds to the interval", async () => {
    const upstream = await fake({ deviceFlow: { pendingPolls: 1, slowDownOnPoll: 1, interval: 5 } });
    const clock = new FastClock();
    const start = clock.now();
    await runDeviceFlow({ http, githubUrl: upstream.url, clientId: "x", clock, onCode: () => {} });
    // 5 s before the first poll (slow_down), then 10 s, then 10 s.
    expect(clock.now() - start).toBe(25_000);
  });

  test("denied and expired logins fail with clear messages", async () => {
    const denied = await fake({ deviceFlow: { outcome: "deny" } });
    expect(login(denied)).rejects.toThrow(/denied/);
    const expired = await fake({ deviceFlow: { outcome: "expire" } });
    expect(login(expired)).rejects.toThrow(/expired/);
  });

  test("stops polling at expires_in", async () => {
    const upstream = await fake({ deviceFlow: { pendingPolls: 1000, expiresIn: 30, interval: 5 } });
    await expect(login(upstream)).rejects.toThrow(/expired after 30 s/);
    expect(upstream.find("/login/oauth/access_token").length).toBeLessThanOrEqual(6);
  });
});

describe("GitHub token storage and sources", () => {
  const home = () => {
    const dir = mkdtempSync(join(tmpdir(), "copilot-relay-home-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  test("the token file is 0600 in a 0700 directory, written atomically", () => {
    const dir = join(home(), "data");
    const path = join(dir, "github_token");
    writeTokenFile(path, "gho_secret_one");
    writeTokenFile(path, "gho_secret_two");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, "utf8").trim()).toBe("gho_secret_two");
  });

  test("sources in order: flag/env, GH_TOKEN, GITHUB_TOKEN, own file, copilot-api's file", async () => {
    const dir = home();
    const env = { HOME: dir, XDG_DATA_HOME: join(dir, "share"), XDG_CONFIG_HOME: join(dir, "config") };
    const resolve = (extra: Record<string, string> = {}, flags: Record<string, unknown> = {}) =>
      resolveGithubToken({ config: loadConfig({ env: { ...env, ...extra }, flags }), env: { ...env, ...extra }, logger: quietLogger(), interactive: false, login: () => Promise.reject(new Error("no")) });

    await expect(resolve()).rejects.toThrow(/copilot-relay auth/);
    mkdirSync(join(dir, "share", "copilot-api"), { recursive: true });
    writeFileSync(join(dir, "share", "copilot-api", "github_token"), "gho_from_copilot_api");
    expect(await resolve()).toEqual({ token: "gho_from_copilot_api", source: "copilot-api" });
    // Imported into our own file with safe permissions.
    const own = join(dir, "share", "copilot-relay", "github_token");
    expect(readFileSync(own, "utf8").trim()).toBe("gho_from_copilot_api");
    expect(statSync(own).mode & 0o777).toBe(0o600);
    writeTokenFile(own, "gho_own_file");
    expect((await resolve()).token).toBe("gho_own_file");
    expect((await resolve({ GITHUB_TOKEN: "gho_b" })).token).toBe("gho_b");
    expect((await resolve({ GITHUB_TOKEN: "gho_b", GH_TOKEN: "gho_a" })).token).toBe("gho_a");
    expect((await resolve({ GH_TOKEN: "gho_a", COPILOT_RELAY_GITHUB_TOKEN: "gho_env" })).token).toBe("gho_env");
    expect((await resolve({ COPILOT_RELAY_GITHUB_TOKEN: "gho_env" }, { githubToken: "gho_flag" })).token).toBe("gho_flag");
  });
});

describe("secrets never reach the logs", () => {
  test("verbose logs of a full session hold neither the GitHub nor the Copilot token", async () => {
    const relay = await relayWith({});
    relay.fake.inject({ path: "/copilot/chat/completions", status: 401, body: { error: { message: "unauthorized" } } });
    await fetch(`${relay.url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] }) });
    await fetch(`${relay.url}/v1/chat/completions`, { method: "POST", body: "{" });
    await settle();
    const text = relay.logs.map((line) => line.text).join("\n");
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain("gho_fake_user_token");
    expect(text).not.toContain("tid=fake");
  });

  test("--show-token prints them on request", async () => {
    const relay = await relayWith({ flags: { showToken: true } });
    const text = relay.logs.map((line) => line.text).join("\n");
    expect(text).toContain("tid=fake");
  });
});
