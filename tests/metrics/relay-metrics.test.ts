import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createCounterFamily } from "../../src/services/metrics/counter-family.ts";
import { createHistogramFamily } from "../../src/services/metrics/histogram-family.ts";
import { type RelayHarness, startRelay } from "../support/relay-harness.ts";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the Prometheus text format 0.0.4: every line is a HELP, a TYPE or a sample of a declared
 * family; label values are unescaped; histogram buckets must be cumulative and end in +Inf = _count.
 */
function parsePrometheus(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const seen = new Set<string>();
  expect(text.endsWith("\n")).toBe(true);
  for (const line of text.slice(0, -1).split("\n")) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") {
        expect(["counter", "gauge", "histogram", "summary", "untyped"]).toContain(meta[3] as string);
        expect(types.has(meta[2] as string)).toBe(false);
        types.set(meta[2] as string, meta[3] as string);
      }
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not a Prometheus line: ${JSON.stringify(line)}`);
    const name = sample[1] as string;
    const family = types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, "");
    expect(types.has(family)).toBe(true);
    const labels: Record<string, string> = {};
    const labelText = sample[2] ?? "";
    if (labelText) {
      const pattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|\})/gy;
      pattern.lastIndex = 1;
      let match: RegExpExecArray | null;
      let end = 1;
      while ((match = pattern.exec(labelText))) {
        labels[match[1] as string] = (match[2] as string).replace(/\\(.)/g, (_, escaped: string) => (escaped === "n" ? "\n" : escaped));
        end = pattern.lastIndex;
      }
      expect(end).toBe(labelText.length);
    }
    const raw = sample[3] as string;
    const value = raw === "+Inf" ? Number.POSITIVE_INFINITY : raw === "-Inf" ? Number.NEGATIVE_INFINITY : Number(raw);
    if (raw !== "NaN") expect(Number.isNaN(value)).toBe(false);
    const key = `${name}${JSON.stringify(labels)}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
    samples.push({ name, labels, value });
  }
  for (const [family, type] of types) {
    if (type !== "histogram") continue;
    const counts = samples.filter((sample) => sample.name === `${family}_count`);
    for (const count of counts) {
      const same = (sample: Sample) => Object.entries(count.labels).every(([key, value]) => sample.labels[key] === value);
      const buckets = samples.filter((sample) => sample.name === `${family}_bucket` && same(sample));
      for (let index = 1; index < buckets.length; index++) expect((buckets[index] as Sample).value).toBeGreaterThanOrEqual((buckets[index - 1] as Sample).value);
      expect(buckets.at(-1)?.labels.le).toBe("+Inf");
      expect(buckets.at(-1)?.value).toBe(count.value);
    }
  }
  return samples;
}

const sum = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value)).reduce((total, sample) => total + sample.value, 0);

describe("Prometheus exposition", () => {
  test("counters and histograms render as valid text, label values escaped", () => {
    const counter = createCounterFamily("things_total", "Things.", ["name"]);
    counter.cell(['a "quoted"\\ name\nwith a line']).value += 2;
    counter.cell(["plain"]).value += 1;
    const histogram = createHistogramFamily("wait_seconds", "Waits.", ["kind"], [0.1, 1]);
    const cell = histogram.cell(["x"]);
    for (const value of [0.05, 0.5, 0.5, 7]) histogram.observe(cell, value);
    const samples = parsePrometheus(counter.render() + histogram.render());
    expect(sum(samples, "things_total", { name: 'a "quoted"\\ name\nwith a line' })).toBe(2);
    expect(samples.filter((sample) => sample.name === "wait_seconds_bucket").map((sample) => [sample.labels.le, sample.value])).toEqual([
      ["0.1", 1],
      ["1", 3],
      ["+Inf", 4],
    ]);
    expect(sum(samples, "wait_seconds_sum")).toBe(8.05);
  });
});

describe("GET /metrics counts what was sent", () => {
  let relay: RelayHarness;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(() => relay.stop());

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${relay.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    await response.text();
    return response.status;
  };
  const chat = (stream: boolean) => post("/v1/chat/completions", { model: "gpt-4.1", stream, messages: [{ role: "user", content: "hi" }] });
  const anthropic = (agent: boolean) =>
    post("/v1/messages", {
      model: "claude-sonnet-4.5",
      max_tokens: 256,
      tools: [{ name: "lookup", description: "Looks up", input_schema: { type: "object", properties: {} } }],
      messages: agent
        ? [
            { role: "user", content: "look it up" },
            { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "lookup", input: {} }] },
            { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "found" }] },
          ]
        : [{ role: "user", content: "hi" }],
    });

  test("requests by route, dialect, model and status; histograms, premium, errors, gauges", async () => {
    for (let index = 0; index < 3; index++) expect(await chat(false)).toBe(200);
    for (let index = 0; index < 2; index++) expect(await chat(true)).toBe(200);
    expect(await anthropic(false)).toBe(200);
    expect(await anthropic(false)).toBe(200);
    expect(await anthropic(true)).toBe(200);
    for (const stream of [false, true]) expect(await post("/v1/responses", { model: "gpt-5.1-codex", stream, input: "hi" })).toBe(200);
    expect(await post("/api/chat", { model: "gpt-4.1", stream: false, messages: [{ role: "user", content: "hi" }] })).toBe(200);
    relay.fake.inject({ path: "/copilot/chat/completions", status: 500, body: { error: { message: "boom", code: "server_error" } } });
    expect(await chat(false)).toBe(500);

    const response = await fetch(`${relay.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const samples = parsePrometheus(await response.text());

    const requests = "copilot_relay_requests_total";
    expect(sum(samples, requests, { route: "/v1/chat/completions", dialect: "openai-chat", model: "gpt-4.1", status: "200" })).toBe(5);
    expect(sum(samples, requests, { route: "/v1/chat/completions", dialect: "openai-chat", model: "gpt-4.1", status: "500" })).toBe(1);
    expect(sum(samples, requests, { route: "/v1/messages", dialect: "anthropic-messages", model: "claude-sonnet-4.5", status: "200" })).toBe(3);
    expect(sum(samples, requests, { route: "/v1/responses", dialect: "openai-responses", model: "gpt-5.1-codex", status: "200" })).toBe(2);
    expect(sum(samples, requests, { route: "/api/chat", dialect: "ollama-chat", model: "gpt-4.1", status: "200" })).toBe(1);
    expect(sum(samples, requests)).toBe(12);

    expect(sum(samples, "copilot_relay_request_duration_seconds_count")).toBe(12);
    expect(sum(samples, "copilot_relay_time_to_first_byte_seconds_count")).toBe(3);
    expect(sum(samples, "copilot_relay_overhead_seconds_count")).toBe(11);
    expect(sum(samples, "copilot_relay_overhead_seconds_count", { mode: "translated" })).toBe(1);
    expect(sum(samples, "copilot_relay_request_errors_total", { dialect: "openai-chat", model: "gpt-4.1", code: "server_error" })).toBe(1);
    expect(sum(samples, "copilot_relay_premium_requests_total", { model: "claude-sonnet-4.5" })).toBe(2);
    expect(sum(samples, "copilot_relay_saved_premium_requests_total", { model: "claude-sonnet-4.5" })).toBe(1);
    expect(sum(samples, "copilot_relay_agent_requests_total", { model: "claude-sonnet-4.5" })).toBe(1);
    expect(sum(samples, "copilot_relay_premium_requests_total", { model: "gpt-5.1-codex" })).toBe(2);
    expect(sum(samples, "copilot_relay_tokens_total", { model: "gpt-4.1", kind: "output" })).toBeGreaterThan(0);
    expect(sum(samples, "copilot_relay_copilot_token_refreshes_total", { outcome: "success" })).toBeGreaterThanOrEqual(1);
    expect(sum(samples, "copilot_relay_copilot_token_refreshes_total", { outcome: "failure" })).toBe(0);

    for (const gauge of ["copilot_relay_upstream_requests_in_flight", "copilot_relay_upstream_requests_queued", "copilot_relay_rate_limit_queued", "copilot_relay_models_cooling_down"]) {
      expect(samples.find((sample) => sample.name === gauge)?.value).toBe(0);
    }
    expect(sum(samples, "copilot_relay_ready")).toBe(1);
    expect(sum(samples, "copilot_relay_history_enabled")).toBe(1);
    expect(sum(samples, "copilot_relay_copilot_token_expires_in_seconds")).toBeGreaterThan(0);
    expect(sum(samples, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(sum(samples, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
    expect(sum(samples, "process_cpu_seconds_total")).toBeGreaterThan(0);
    expect(samples.some((sample) => sample.name === "nodejs_eventloop_lag_seconds")).toBe(true);
    expect(samples.some((sample) => sample.name === "copilot_relay_event_loop_lag_seconds_count")).toBe(true);
  });
});
