import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { dayKeyOf } from "../../src/services/history/day-key.ts";
import type { RelayStats } from "../../src/services/history/relay-stats.ts";
import { fakeEnv, type RelayHarness, startRelay } from "../support/relay-harness.ts";
import { runCli, sourceEntry } from "../support/spawn-relay.ts";

const post = async (relay: RelayHarness, path: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${relay.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  await response.text();
  return response.status;
};
const chat = (relay: RelayHarness, model: string, headers?: Record<string, string>) =>
  post(relay, "/v1/chat/completions", { model, messages: [{ role: "user", content: "hi" }] }, headers);
/** An Anthropic turn that answers a tool call: the agent's, sent as free. */
const agentTurn = (relay: RelayHarness, model: string) =>
  post(relay, "/v1/messages", {
    model,
    max_tokens: 256,
    tools: [{ name: "lookup", description: "Looks up", input_schema: { type: "object", properties: {} } }],
    messages: [
      { role: "user", content: "look it up" },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "lookup", input: {} }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "found" }] },
    ],
  });
const getJson = async <T>(relay: RelayHarness, path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${relay.url}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as T };
};

describe("GET /usage", () => {
  let relay: RelayHarness;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(() => relay.stop());

  test("passes GitHub's quota through in copilot-api's shape and caches it", async () => {
    const before = relay.fake.find("/copilot_internal/user").length;
    const first = await getJson<Record<string, any>>(relay, "/usage");
    expect(first.status).toBe(200);
    expect(first.body.copilot_plan).toBe("individual");
    expect(first.body.quota_reset_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first.body.quota_snapshots.premium_interactions).toMatchObject({ entitlement: 300, remaining: 300, unlimited: false });
    expect(first.body.quota_snapshots.chat.unlimited).toBe(true);
    expect(first.body.quota_snapshots.completions.unlimited).toBe(true);
    expect(relay.fake.last("/copilot_internal/user")?.headers.authorization).toBe("token gho_fake_user_token");

    expect(await chat(relay, "claude-opus-4.6")).toBe(200);
    const second = await getJson<Record<string, any>>(relay, "/usage");
    expect(second.body).toEqual(first.body);
    expect(relay.fake.find("/copilot_internal/user").length).toBe(before + 1);
  });
});

describe("GET /usage when GitHub refuses", () => {
  let relay: RelayHarness;
  beforeAll(async () => {
    relay = await startRelay({ flags: { usageCacheSeconds: 0 } });
  });
  afterAll(() => relay.stop());

  test("keeps GitHub's status, in the OpenAI error shape, and caches no failure", async () => {
    relay.fake.inject({ path: "/copilot_internal/user", status: 403, body: { message: "Resource not accessible by integration" } });
    const refused = await getJson<{ error: { message: string; type: string } }>(relay, "/usage");
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("Resource not accessible by integration");
    expect(typeof refused.body.error.type).toBe("string");
    expect((await getJson(relay, "/usage")).status).toBe(200);
  });
});

describe("GET /admin/stats and the usage command", () => {
  let relay: RelayHarness;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(() => relay.stop());

  test("today, days, models, latency, error rate and the recent requests", async () => {
    expect(await chat(relay, "claude-opus-4.6")).toBe(200);
    expect(await chat(relay, "claude-opus-4.6")).toBe(200);
    expect(await agentTurn(relay, "claude-opus-4.6")).toBe(200);
    expect(await chat(relay, "gpt-4.1")).toBe(200);
    relay.fake.inject({ path: "/copilot/chat/completions", status: 500, body: { error: { message: "boom" } } });
    expect(await chat(relay, "gpt-4.1")).toBe(500);

    const { status, body: stats } = await getJson<RelayStats>(relay, "/admin/stats?days=7");
    expect(status).toBe(200);
    expect(Date.parse(stats.generatedAt)).toBeGreaterThan(0);
    expect(stats.today).toEqual({ requests: 5, userRequests: 4, agentRequests: 1, premiumRequests: 6, savedPremiumRequests: 3, inputTokens: expect.any(Number), outputTokens: expect.any(Number), errors: 1 });
    expect(stats.today.inputTokens).toBeGreaterThan(0);
    expect(stats.byDay).toHaveLength(7);
    expect(stats.byDay.at(-1)).toMatchObject({ day: dayKeyOf(Date.now()), requests: 5, premiumRequests: 6, savedPremiumRequests: 3, errors: 1 });
    expect(stats.byDay[0]).toMatchObject({ requests: 0, premiumRequests: 0, savedPremiumRequests: 0, inputTokens: 0, outputTokens: 0, errors: 0 });
    expect(stats.byModel.map((row) => [row.model, row.requests, row.premiumRequests, row.savedPremiumRequests, row.errors])).toEqual([
      ["claude-opus-4.6", 3, 6, 3, 0],
      ["gpt-4.1", 2, 0, 0, 1],
    ]);
    expect(stats.errorRate).toBe(0.2);
    expect(stats.latency.p50).toBeGreaterThan(0);
    expect(stats.latency.p99).toBeGreaterThanOrEqual(stats.latency.p50);
    expect(stats.recent).toHaveLength(5);
    expect(stats.recent[0]).toMatchObject({ dialect: "openai-chat", route: "/v1/chat/completions", model: "gpt-4.1", requestedModel: "gpt-4.1", initiator: "user", status: 500, retries: 0, keyName: null });
    expect(stats.recent[2]).toMatchObject({ dialect: "anthropic-messages", route: "/v1/messages", initiator: "agent", status: 200 });
    for (const row of stats.recent) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(["time", "dialect", "route", "model", "requestedModel", "initiator", "status", "durationMs", "firstByteMs", "inputTokens", "outputTokens", "retries", "keyName"]));
      expect(Date.parse(row.time)).toBeGreaterThan(0);
    }
    expect((await getJson<RelayStats>(relay, "/admin/stats")).body.byDay).toHaveLength(30);
    const invalid = await getJson<{ error: { message: string } }>(relay, "/admin/stats?days=lots");
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain("days");
  });

  test("the usage command adds this relay's own counts from the history", async () => {
    relay.services.history.flush();
    const env = { ...fakeEnv(relay.fake, relay.home), PATH: process.env.PATH ?? "", CI: "true", NO_COLOR: "1" };
    const result = await runCli(sourceEntry, ["usage", "--github-token", "gho_fake_user_token"], env);
    expect(result.code).toBe(0);
    const text = result.stdout + result.stderr;
    expect(text).toMatch(/Premium requests: \d+\/\d+ used/);
    expect(text).toMatch(/Quota resets: \d{4}-\d{2}-\d{2}/);
    expect(text).toContain("Through this relay");
    expect(text).toMatch(/claude-opus-4\.6\s+3\s+6\s+3\s+6\s+1 \(saved 3\)/);
    expect(text).toMatch(/gpt-4\.1\s+2\s+0\s+2\s+0\s+0/);
    expect(text).toMatch(/Total\s+5\s+6\s+5\s+6\s+1 \(saved 3\)/);
  });
});

describe("without history", () => {
  test("--no-history: /admin/stats answers zeros", async () => {
    const relay = await startRelay({ flags: { history: false } });
    try {
      expect(await chat(relay, "gpt-4.1")).toBe(200);
      const { body: stats } = await getJson<RelayStats>(relay, "/admin/stats?days=3");
      expect(stats.history.enabled).toBe(false);
      expect(stats.today.requests).toBe(0);
      expect(stats.byDay.map((day) => day.requests)).toEqual([0, 0, 0]);
      expect(stats.recent).toEqual([]);
    } finally {
      await relay.stop();
    }
  });

  test("a corrupt history file: one warning, and requests are still served", async () => {
    const relay = await startRelay({ noStart: true });
    try {
      writeFileSync(join(relay.home, "history.sqlite"), "not a database at all ".repeat(500));
      await relay.services.start();
      for (let index = 0; index < 3; index++) expect(await chat(relay, "gpt-4.1")).toBe(200);
      const { body: stats } = await getJson<RelayStats>(relay, "/admin/stats");
      expect(stats.history.enabled).toBe(false);
      const warnings = relay.logs.filter((line) => line.type === "warn" && line.text.includes("history"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.text).toContain("not a database");
    } finally {
      await relay.stop();
    }
  });
});

describe("with API keys", () => {
  test("/metrics, /usage and /admin/stats need a key", async () => {
    const relay = await startRelay({ flags: { apiKeys: ["sk-relay-test-key"] } });
    try {
      for (const path of ["/metrics", "/usage", "/admin/stats"]) {
        expect((await fetch(`${relay.url}${path}`)).status).toBe(401);
        expect((await fetch(`${relay.url}${path}`, { headers: { authorization: "Bearer sk-relay-test-key" } })).status).toBe(200);
      }
      expect(await chat(relay, "gpt-4.1", { authorization: "Bearer sk-relay-test-key" })).toBe(200);
      const { body: stats } = await getJson<RelayStats>(relay, "/admin/stats", { authorization: "Bearer sk-relay-test-key" });
      expect(stats.recent[0]?.keyName).toMatch(/\S/);
      expect(JSON.stringify(stats)).not.toContain("sk-relay-test-key");
    } finally {
      await relay.stop();
    }
  });
});
