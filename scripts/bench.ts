#!/usr/bin/env bun
/**
 * `bun run bench`: the fake Copilot, a minimal Bun pass-through proxy (the floor) and copilot-relay, each in its
 * own process, under the same load. Each comparison has two sides: a pass-through workload on the floor and on
 * the relay, or a translated workload on the relay and the relay's own pass-through of the same upstream stream
 * (scripts/bench/scenarios.ts). The main figure is CPU milliseconds per request of the proxy process. Within a
 * round the two sides alternate in short slices, so drift on a shared machine hits both alike; each round gives
 * one ratio, reported as the median with the range over --rounds (default 3).
 * Where the machine has two or more cores, the proxies run pinned to the last core and the fake upstream and the
 * load driver to the others, so the proxy under test never shares its core with the load.
 * Options: --seconds N (per measurement, default 3), --rounds N, --concurrency 1,32,256 (default 32),
 * --only <name-prefix>[,<name-prefix>…] (a trailing $ matches the whole name), --source (run src/main.ts instead of the compiled binary), --no-keys (no API
 * keys: by default the relay runs with two and every request sends one), --soak N (requests
 * for the memory-growth check, default 100 000; 0 skips it), --streams N (concurrent streams, default 5 000; 0 skips),
 * --against <relay binary> (before/after: every scenario runs on that build too, as the reference side, instead of
 * the floor or the relay's own pass-through; e.g. a binary built from an earlier commit; `--against self` is this
 * build again), --against-env K=V,K=V (environment for that side only, e.g. COPILOT_RELAY_HISTORY=false), --relay
 * <relay binary> (measure that build instead of building this checkout: A/B of two variants of a change).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { claudeCodeLikeRequest } from "./bench/claude-code-request.ts";
import { drive, driveCount, median, percentile } from "./bench/load.ts";
import { cpuMs, peakRssMb, resetPeak, rssMb } from "./bench/process-stats.ts";
import { BENCH_PROVIDER_KEY, type Scenario, scenarios as allScenarios } from "./bench/scenarios.ts";

const root = join(import.meta.dir, "..");
const argv = process.argv.slice(2);
const option = (name: string) => {
  const index = argv.indexOf(name);
  return index === -1 ? undefined : argv[index + 1];
};
const seconds = Number(option("--seconds") ?? 3);
const rounds = Number(option("--rounds") ?? 3);
const concurrencies = (option("--concurrency") ?? "32").split(",").map(Number);
const useSource = argv.includes("--source");
const withKeys = !argv.includes("--no-keys");
const BENCH_KEY = "bench-key-one-0123456789";
const keyHeader: Record<string, string> = withKeys ? { authorization: `Bearer ${BENCH_KEY}` } : {};
const only = option("--only");
const againstBinary = option("--against");
const againstEnv = Object.fromEntries((option("--against-env") ?? "").split(",").filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));

const cores = availableParallelism();
const pinned = cores >= 2 && Bun.which("taskset") !== null;
const proxyCores = pinned ? [`${cores - 1}`] : [];
const loadCores = pinned ? [`0-${cores - 2}`] : [];
const pin = (command: string[], on: string[]) => (on.length ? ["taskset", "-c", on[0]!, ...command] : command);

interface Child {
  process: ReturnType<typeof Bun.spawn>;
  output: () => string;
}

function spawn(command: string[], env: Record<string, string> = {}): Child {
  const child = Bun.spawn(command, { cwd: root, env: { ...process.env, ...env }, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  let output = "";
  const decoder = new TextDecoder();
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) {
      // Keep only the start: the relay logs a line per request, and the bench must not hoard it.
      if (output.length < 20_000) output += decoder.decode(chunk, { stream: true });
    }
  };
  void pump(child.stdout as ReadableStream<Uint8Array>);
  void pump(child.stderr as ReadableStream<Uint8Array>);
  return { process: child, output: () => output };
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await Bun.sleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const firstJsonLine = (child: Child) => () => {
  const line = child.output().split("\n").find((entry) => entry.startsWith("{"));
  return line ? (JSON.parse(line) as { url: string; copilotUrl?: string; statsUrl?: string }) : undefined;
};

const relayBinary = option("--relay");
if (!useSource && !relayBinary) {
  const build = Bun.spawn([process.execPath, "run", "build"], { cwd: root, stdout: "ignore", stderr: "inherit" });
  if ((await build.exited) !== 0) throw new Error("build failed");
}
const binary = relayBinary ?? join(root, "dist", "copilot-relay");
if (relayBinary && !existsSync(relayBinary)) throw new Error(`--relay ${relayBinary}: no such file`);
const relayCommand = useSource || !existsSync(binary) ? [process.execPath, join(root, "src/main.ts")] : [binary];
// The driver (this process) shares the load cores with the fake upstream.
if (pinned) Bun.spawnSync(["taskset", "-pc", loadCores[0]!, String(process.pid)], { stdout: "ignore" });

const fake = spawn(pin([process.execPath, join(root, "scripts/bench/fake-server.ts")], loadCores));
const fakeInfo = await waitFor("fake upstream", firstJsonLine(fake));
const floor = spawn(pin([process.execPath, join(root, "scripts/bench/floor-proxy.ts")], proxyCores), {
  FLOOR_UPSTREAM: fakeInfo.copilotUrl!,
  FLOOR_GITHUB_API: fakeInfo.url,
});
const floorInfo = await waitFor("floor proxy", firstJsonLine(floor));

const home = mkdtempSync(join(tmpdir(), "copilot-relay-bench-"));
/** Starts one relay build with its own data directory and waits for its first answer (ms after spawn). */
async function startRelay(command: string[], name: string, extraEnv: Record<string, string> = {}): Promise<{ child: Child; url: string; firstAnswerMs: number }> {
  const relayHome = join(home, name);
  mkdirSync(relayHome, { recursive: true });
  // The relay under test also routes `bench/…` to an OpenAI-compatible provider (the fake's chat API with a key),
  // for the chat-provider scenario. A build it is compared with may predate providers, so with --against that
  // scenario is skipped and neither side gets a config file: a provider configured on one side only cost it ~2 %.
  const withConfig = name === "relay" && !againstBinary;
  const configFile = join(relayHome, "relay.yaml");
  if (withConfig) writeFileSync(configFile, `providers:\n  bench: { type: openai, baseUrl: "${fakeInfo.copilotUrl}", apiKey: ${BENCH_PROVIDER_KEY} }\n`);
  const started = performance.now();
  const child = spawn(pin([...command, "start", "--port", "0"], proxyCores), {
    COPILOT_RELAY_HOME: relayHome,
    COPILOT_RELAY_GITHUB_URL: fakeInfo.url,
    COPILOT_RELAY_GITHUB_API_URL: fakeInfo.url,
    COPILOT_RELAY_GITHUB_TOKEN: "gho_fake_user_token",
    // Measured as people should run it: with API keys (two, so the check compares against more than one).
    ...(withKeys ? { COPILOT_RELAY_API_KEYS: `${BENCH_KEY},bench-key-two-0123456789` } : {}),
    XDG_CONFIG_HOME: join(relayHome, "config"),
    CI: "true",
    NO_COLOR: "1",
    ...(withConfig ? { COPILOT_RELAY_CONFIG: configFile } : {}),
    ...extraEnv,
  });
  const url = await waitFor(`relay ${name}`, () => /listening on (http:\/\/\S+)/.exec(child.output())?.[1]);
  const firstAnswerMs = await waitFor(`first answer of relay ${name}`, async () => {
    const body = JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] });
    const response = await fetch(`${url}/v1/chat/completions`, { method: "POST", headers: keyHeader, body }).catch(() => undefined);
    return response?.ok ? performance.now() - started : (await response?.arrayBuffer(), undefined);
  });
  return { child, url, firstAnswerMs };
}
const started = await startRelay(relayCommand, "relay");
const relay = started.child;
const relayUrl = started.url;
const firstAnswer = started.firstAnswerMs;
const before = againstBinary ? await startRelay(againstBinary === "self" ? relayCommand : [againstBinary], "before", againstEnv) : undefined;
await Bun.sleep(1000);
const idleRss = rssMb(relay.process.pid);
const beforeIdleRss = before ? rssMb(before.child.process.pid) : undefined;

/** Scenarios this build of the relay serves (a dialect that has not landed answers 404). */
const scenarios: Scenario[] = [];
const wanted = only?.split(",");
const selected = allScenarios.filter((entry) => !wanted || wanted.some((name) => (name.endsWith("$") ? entry.name === name.slice(0, -1) : entry.name.startsWith(name))));
// A translated scenario is read against its baseline, so the baseline runs too.
for (const entry of [...selected]) {
  const baseline = allScenarios.find((candidate) => candidate.name === entry.baseline);
  if (baseline && !selected.includes(baseline)) selected.unshift(baseline);
}
for (const scenario of selected) {
  if (before && scenario.name === "chat-provider") {
    console.log("skipped chat-provider: the build it is measured against may not have providers");
    continue;
  }
  const probe = await fetch(`${relayUrl}${scenario.path}`, { method: "POST", headers: { ...scenario.headers, ...keyHeader }, body: scenario.body });
  const text = await probe.text();
  if (probe.ok) scenarios.push(scenario);
  else console.log(`skipped ${scenario.name}: the relay answered ${probe.status} ${text.slice(0, 160)}`);
}

const format = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
console.log(
  `copilot-relay benchmark — ${seconds} s per measurement, ${rounds} rounds, concurrency ${concurrencies.join("/")}, relay = ${relayCommand.join(" ").replace(root, ".")}` +
    `${pinned ? `, proxies pinned to core ${proxyCores[0]}, load on ${loadCores[0]}` : ", not pinned"}`,
);
console.log(`relay: first answer ${format(firstAnswer, 0)} ms after spawn (start-up + token + models + one request); idle RSS ${format(idleRss, 1)} MB`);
if (before) console.log(`before (${againstBinary}): first answer ${format(before.firstAnswerMs, 0)} ms; idle RSS ${format(beforeIdleRss ?? Number.NaN, 1)} MB`);
console.log("");

/** One side of a comparison: a proxy process and the request it is sent. */
interface Side {
  label: string;
  url: string;
  body: string;
  headers?: Record<string, string>;
  pid: number;
}
interface Tally {
  requests: number;
  errors: number;
  cpuMs: number;
  seconds: number;
  latenciesMs: number[];
  firstError?: string;
}
interface Comparison {
  scenario: Scenario;
  concurrency: number;
  /** The reference: the floor for a pass-through, the relay's own pass-through for a translation. */
  against: Side;
  relay: Side;
}

const floorSide = (scenario: Scenario): Side => ({ label: "floor", url: `${floorInfo.url}${scenario.path}`, body: scenario.floorBody ?? scenario.body, headers: scenario.headers, pid: floor.process.pid });
const relaySide = (scenario: Scenario, label = "relay"): Side => ({ label, url: `${relayUrl}${scenario.path}`, body: scenario.body, headers: { ...scenario.headers, ...keyHeader }, pid: relay.process.pid });
const beforeSide = (scenario: Scenario, relayBefore: NonNullable<typeof before>): Side => ({
  ...relaySide(scenario, "before"),
  url: `${relayBefore.url}${scenario.path}`,
  pid: relayBefore.child.process.pid,
});
const comparisons: Comparison[] = scenarios.flatMap((scenario) =>
  concurrencies.map((concurrency) => {
    const baseline = scenarios.find((entry) => entry.name === scenario.baseline);
    const against = before ? beforeSide(scenario, before) : baseline ? relaySide(baseline, `relay ${baseline.name}`) : floorSide(scenario);
    return { scenario, concurrency, against, relay: relaySide(scenario) };
  }),
);

/** Drives one side for one slice and adds what it cost to the tally. */
async function slice(side: Side, concurrency: number, ms: number, tally: Tally): Promise<void> {
  const before = cpuMs(side.pid);
  const result = await drive(side.url, side.body, concurrency, ms, side.headers);
  tally.cpuMs += cpuMs(side.pid) - before;
  tally.requests += result.requests;
  tally.errors += result.errors;
  tally.seconds += result.seconds;
  tally.firstError ??= result.firstError;
  for (const latency of result.latenciesMs) tally.latenciesMs.push(latency);
}

const emptyTally = (): Tally => ({ requests: 0, errors: 0, cpuMs: 0, seconds: 0, latenciesMs: [] });
/** Slices per side and round: the two sides alternate every slice, so drift on a shared machine hits both. */
const SLICES = 4;
const measured = new Map<Comparison, { against: Tally; relay: Tally; peakRss: number; beforePeakRss?: number }[]>();
for (let round = 0; round < rounds; round++) {
  for (const comparison of comparisons) {
    const { concurrency } = comparison;
    const sides = [comparison.against, comparison.relay];
    for (const side of sides) await drive(side.url, side.body, concurrency, Math.min(1000, seconds * 300), side.headers); // warm-up
    resetPeak(relay.process.pid);
    if (before) resetPeak(before.child.process.pid);
    const tallies: { against: Tally; relay: Tally; peakRss: number; beforePeakRss?: number } = { against: emptyTally(), relay: emptyTally(), peakRss: 0 };
    for (let index = 0; index < SLICES; index++) {
      const order = (index + round) % 2 ? [comparison.relay, comparison.against] : sides;
      for (const side of order) await slice(side, concurrency, (seconds * 1000) / SLICES, side === comparison.relay ? tallies.relay : tallies.against);
    }
    tallies.peakRss = peakRssMb(relay.process.pid);
    if (before) tallies.beforePeakRss = peakRssMb(before.child.process.pid);
    const list = measured.get(comparison) ?? [];
    list.push(tallies);
    measured.set(comparison, list);
  }
}

const cpuPerRequest = (tally: Tally) => tally.cpuMs / Math.max(1, tally.requests);
const rows: Record<string, unknown>[] = [];
const ratios: Record<string, unknown>[] = [];
console.log("scenario                 conc  against               cpu ms/req  relay cpu ms/req  cpu ratio (median [min–max])  throughput  p50 ms  relay peak RSS MB  errors");
for (const [comparison, list] of measured) {
  const cpu = list.map((entry) => cpuPerRequest(entry.relay) / cpuPerRequest(entry.against));
  const throughput = list.map((entry) => entry.relay.requests / entry.relay.seconds / (entry.against.requests / entry.against.seconds));
  const againstCpu = median(list.map((entry) => cpuPerRequest(entry.against)));
  const relayCpu = median(list.map((entry) => cpuPerRequest(entry.relay)));
  const p50 = percentile(list.flatMap((entry) => entry.relay.latenciesMs), 50);
  const peak = Math.max(...list.map((entry) => entry.peakRss));
  const errors = list.reduce((sum, entry) => sum + entry.relay.errors + entry.against.errors, 0);
  const name = comparison.scenario.name;
  rows.push({ scenario: name, concurrency: comparison.concurrency, against: comparison.against.label, againstCpuMsPerRequest: againstCpu, relayCpuMsPerRequest: relayCpu, cpuRatios: cpu, throughputRatios: throughput, relayP50Ms: p50, relayPeakRssMb: peak, errors });
  ratios.push({ scenario: name, concurrency: comparison.concurrency, against: comparison.against.label, cpu, throughput });
  console.log(
    `${name.padEnd(24)} ${String(comparison.concurrency).padStart(4)}  ${comparison.against.label.padEnd(20)} ${format(againstCpu, 3).padStart(10)}  ${format(relayCpu, 3).padStart(16)}  ` +
      `${`${format(median(cpu))}× [${format(Math.min(...cpu))}–${format(Math.max(...cpu))}]`.padEnd(28)}  ${format(median(throughput)).padStart(9)}×  ${format(p50).padStart(6)}  ${format(peak, 1).padStart(17)}  ${errors}`,
  );
  if (before) console.log(`    before's peak RSS ${format(Math.max(...list.map((entry) => entry.beforePeakRss ?? 0)), 1)} MB`);
  const firstError = list.find((entry) => entry.relay.firstError || entry.against.firstError);
  if (firstError) console.log(`    first error: ${firstError.relay.firstError ?? firstError.against.firstError}`);
}
console.log(`idle RSS of copilot-relay: ${format(idleRss, 1)} MB${before ? `, of the build it was measured against: ${format(beforeIdleRss ?? Number.NaN, 1)} MB` : ""}`);

// Memory over many requests: RSS after 1 000 mixed requests and after `--soak` (default 100 000) more; the
// relay should not grow per request. The mix is every scenario this run measured, in turn.
const mix = scenarios.map((scenario) => ({ url: `${relayUrl}${scenario.path}`, body: scenario.body, headers: { ...scenario.headers, ...keyHeader } }));
const soak = Number(option("--soak") ?? 100_000);
let soakResult: Record<string, unknown> | undefined;
if (soak > 0 && mix.length > 0) {
  await driveCount(mix, 32, 1_000);
  await Bun.sleep(500);
  const after1k = rssMb(relay.process.pid);
  const soaked = await driveCount(mix, 32, soak);
  await Bun.sleep(500);
  const afterSoak = rssMb(relay.process.pid);
  soakResult = { after1kMb: after1k, afterSoakMb: afterSoak, requests: soak, errors: soaked.errors };
  console.log(
    `RSS after 1 000 mixed requests ${format(after1k, 1)} MB, after ${soak.toLocaleString("en")} more ${format(afterSoak, 1)} MB ` +
      `(${format(((afterSoak - after1k) / after1k) * 100, 1)} %), errors ${soaked.errors}${soaked.firstError ? ` (${soaked.firstError})` : ""}`,
  );
}


// Many streams at once: `--streams` (default 5 000) LLM-like streams opened together: a second to the first byte,
// then 20 chunks 100 ms apart. Each is open at the upstream for at least STREAM_MS from its arrival, so the most
// arrivals within any STREAM_MS window is how many were surely open at the same time.
const streamCount = Number(option("--streams") ?? 5_000);
const STREAM_MS = 1_000 + 20 * 100;
let streamsResult: Record<string, unknown> | undefined;
if (streamCount > 0) {
  await fetch(`${fakeInfo.statsUrl}/reset`);
  resetPeak(relay.process.pid);
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(relay.process.pid));
  }, 100);
  const driver = spawn(pin([process.execPath, join(root, "scripts/bench/many-streams.ts"), `${relayUrl}/v1/chat/completions`, String(streamCount)], loadCores), {
    BUN_CONFIG_MAX_HTTP_REQUESTS: String(streamCount + 100),
    ...(withKeys ? { BENCH_AUTHORIZATION: keyHeader.authorization as string } : {}),
  });
  await driver.process.exited;
  clearInterval(sampler);
  const line = driver.output().split("\n").find((entry) => entry.startsWith("{"));
  const run = line ? (JSON.parse(line) as { complete: number; errors: number; firstError?: string; seconds: number }) : undefined;
  const arrivals = (await (await fetch(`${fakeInfo.statsUrl}/?path=/copilot/chat/completions`)).json()) as { count: number; first: number; last: number; times: number[] };
  const spread = arrivals.last - arrivals.first;
  const sorted = [...arrivals.times].sort((a, b) => a - b);
  let openAtOnce = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while ((sorted[last] as number) - (sorted[first] as number) >= STREAM_MS) first++;
    openAtOnce = Math.max(openAtOnce, last - first + 1);
  }
  streamsResult = { streams: streamCount, ...run, upstreamArrivals: arrivals.count, arrivalSpreadMs: spread, openAtOnce, peakRssMb: Math.max(peakRss, peakRssMb(relay.process.pid)) };
  console.log(
    `${streamCount} concurrent streams (1 s to first byte, 20 chunks 100 ms apart): ${run?.complete ?? 0} complete, ${run?.errors ?? "?"} errors${run?.firstError ? ` (${run.firstError})` : ""}; ` +
      `${arrivals.count} reached the upstream over ${spread} ms, ${openAtOnce} surely open there at once; ` +
      `relay peak RSS ${format(streamsResult.peakRssMb as number, 1)} MB; ${format(run?.seconds ?? Number.NaN, 1)} s`,
  );
  if (!line) console.log(driver.output().slice(0, 2000));
}

// count_tokens is answered locally; Claude Code's VS Code extension sends dozens at start-up.
const countBody = JSON.stringify(claudeCodeLikeRequest(100_000));
const countUrl = `${relayUrl}/v1/messages/count_tokens`;
const coldStart = performance.now();
const cold = await fetch(countUrl, { method: "POST", headers: keyHeader, body: countBody });
const coldMs = performance.now() - coldStart;
const coldTokens = ((await cold.json()) as { input_tokens?: number }).input_tokens;
const countCpuBefore = cpuMs(relay.process.pid);
const counted = await drive(countUrl, countBody, 50, seconds * 1000, keyHeader);
const countCpu = (cpuMs(relay.process.pid) - countCpuBefore) / Math.max(1, counted.requests);
console.log(
  `\ncount_tokens, ${Math.round(countBody.length / 1024)} KB request → ${coldTokens} tokens: first call ${format(coldMs, 0)} ms (loads the tokenizer); ` +
    `then at concurrency 50: ${format(counted.requests / counted.seconds, 0)} req/s, p50 ${format(percentile(counted.latenciesMs, 50))} ms, ` +
    `p99 ${format(percentile(counted.latenciesMs, 99))} ms, ${format(countCpu, 3)} cpu ms/req, RSS ${format(rssMb(relay.process.pid), 1)} MB, errors ${counted.errors}`,
);

mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(
  join(root, ".bench", "results.json"),
  JSON.stringify(
    {
      seconds,
      rounds,
      pinned,
      firstAnswerMs: firstAnswer,
      idleRssMb: idleRss,
      ...(before ? { against: againstBinary, beforeIdleRssMb: beforeIdleRss } : {}),
      rows,
      ratios,
      soak: soakResult,
      manyStreams: streamsResult,
      countTokens: { coldMs, rps: counted.requests / counted.seconds, p50: percentile(counted.latenciesMs, 50), p99: percentile(counted.latenciesMs, 99), cpuMsPerRequest: countCpu },
    },
    null,
    2,
  ),
);
for (const child of [relay, floor, fake, ...(before ? [before.child] : [])]) child.process.kill("SIGTERM");
rmSync(home, { recursive: true, force: true });
process.exit(0);
