#!/usr/bin/env bun
/**
 * `bun run bench`: the fake Copilot, a minimal Bun pass-through proxy (the floor) and copilot-relay, each in its
 * own process, under the same load. Pass-through workloads are compared with the floor; translated ones with the
 * relay's own pass-through of the same upstream stream (scripts/bench/scenarios.ts). The main figure is CPU
 * milliseconds per request of the proxy process; each ratio is taken within one round (so drift on a shared
 * machine hits both sides alike) and reported as the median with the range over --rounds (default 3).
 * Where the machine has two or more cores, the proxies run pinned to the last core and the fake upstream and the
 * load driver to the others, so the proxy under test never shares its core with the load.
 * Options: --seconds N (per measurement, default 3), --rounds N, --concurrency 1,32,256 (default 32),
 * --only <name-prefix>[,<name-prefix>…], --source (run src/main.ts instead of the compiled binary).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { claudeCodeLikeRequest } from "./bench/claude-code-request.ts";
import { drive, median, percentile } from "./bench/load.ts";
import { cpuMs, peakRssMb, resetPeak, rssMb } from "./bench/process-stats.ts";
import { type Scenario, scenarios as allScenarios } from "./bench/scenarios.ts";

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
const only = option("--only");

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
  return line ? (JSON.parse(line) as { url: string; copilotUrl?: string }) : undefined;
};

if (!useSource) {
  const build = Bun.spawn([process.execPath, "run", "build"], { cwd: root, stdout: "ignore", stderr: "inherit" });
  if ((await build.exited) !== 0) throw new Error("build failed");
}
const binary = join(root, "dist", "copilot-relay");
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
const relayStarted = performance.now();
const relay = spawn(pin([...relayCommand, "start", "--port", "0"], proxyCores), {
  COPILOT_RELAY_HOME: home,
  COPILOT_RELAY_GITHUB_URL: fakeInfo.url,
  COPILOT_RELAY_GITHUB_API_URL: fakeInfo.url,
  COPILOT_RELAY_GITHUB_TOKEN: "gho_fake_user_token",
  XDG_CONFIG_HOME: join(home, "config"),
  CI: "true",
  NO_COLOR: "1",
});
const relayUrl = await waitFor("relay", () => /listening on (http:\/\/\S+)/.exec(relay.output())?.[1]);
const firstAnswer = await waitFor("first relay answer", async () => {
  const body = JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content: "hi" }] });
  const response = await fetch(`${relayUrl}/v1/chat/completions`, { method: "POST", body }).catch(() => undefined);
  return response?.ok ? performance.now() - relayStarted : (await response?.arrayBuffer(), undefined);
});
await Bun.sleep(1000);
const idleRss = rssMb(relay.process.pid);

/** Scenarios this build of the relay serves (a dialect that has not landed answers 404). */
const scenarios: Scenario[] = [];
const wanted = only?.split(",");
const selected = allScenarios.filter((entry) => !wanted || wanted.some((name) => entry.name.startsWith(name)));
// A translated scenario is read against its baseline, so the baseline runs too.
for (const entry of [...selected]) {
  const baseline = allScenarios.find((candidate) => candidate.name === entry.baseline);
  if (baseline && !selected.includes(baseline)) selected.unshift(baseline);
}
for (const scenario of selected) {
  const probe = await fetch(`${relayUrl}${scenario.path}`, { method: "POST", headers: scenario.headers, body: scenario.body });
  const text = await probe.text();
  if (probe.ok) scenarios.push(scenario);
  else console.log(`skipped ${scenario.name}: the relay answered ${probe.status} ${text.slice(0, 160)}`);
}

const format = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
console.log(
  `copilot-relay benchmark — ${seconds} s per measurement, ${rounds} rounds, concurrency ${concurrencies.join("/")}, relay = ${relayCommand.join(" ").replace(root, ".")}` +
    `${pinned ? `, proxies pinned to core ${proxyCores[0]}, load on ${loadCores[0]}` : ", not pinned"}`,
);
console.log(`relay: first answer ${format(firstAnswer, 0)} ms after spawn (start-up + token + models + one request); idle RSS ${format(idleRss, 1)} MB\n`);

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpuPerRequest: number;
  peakRss: number;
  errors: number;
  firstError?: string;
}
const samples = new Map<string, Sample[]>();
const key = (scenario: string, concurrency: number, target: string) => `${scenario}/${concurrency}/${target}`;
const targetsFor = (scenario: Scenario) => [
  ...(scenario.baseline ? [] : [{ name: "floor", url: `${floorInfo.url}${scenario.path}`, pid: floor.process.pid }]),
  { name: "relay", url: `${relayUrl}${scenario.path}`, pid: relay.process.pid },
];

for (let round = 0; round < rounds; round++) {
  for (const scenario of scenarios) {
    for (const concurrency of concurrencies) {
      const targets = targetsFor(scenario);
      // Alternate which target goes first, so neither always runs on a warmer or cooler machine.
      for (const target of round % 2 ? [...targets].reverse() : targets) {
        await drive(target.url, scenario.body, concurrency, Math.min(1000, seconds * 300), scenario.headers); // warm-up
        resetPeak(target.pid);
        const cpuBefore = cpuMs(target.pid);
        const result = await drive(target.url, scenario.body, concurrency, seconds * 1000, scenario.headers);
        const cpu = cpuMs(target.pid) - cpuBefore;
        const list = samples.get(key(scenario.name, concurrency, target.name)) ?? [];
        list.push({
          rps: result.requests / result.seconds,
          p50: percentile(result.latenciesMs, 50),
          p99: percentile(result.latenciesMs, 99),
          cpuPerRequest: cpu / Math.max(1, result.requests),
          peakRss: peakRssMb(target.pid),
          errors: result.errors,
          firstError: result.firstError,
        });
        samples.set(key(scenario.name, concurrency, target.name), list);
      }
    }
  }
}

const rows: Record<string, unknown>[] = [];
console.log("scenario                 conc  target     req/s     p50 ms   p99 ms   cpu ms/req  peak RSS MB  errors");
for (const scenario of scenarios) {
  for (const concurrency of concurrencies) {
    for (const target of targetsFor(scenario)) {
      const list = samples.get(key(scenario.name, concurrency, target.name)) ?? [];
      const row = {
        scenario: scenario.name,
        concurrency,
        target: target.name,
        rps: median(list.map((entry) => entry.rps)),
        p50: median(list.map((entry) => entry.p50)),
        p99: median(list.map((entry) => entry.p99)),
        cpuPerRequest: median(list.map((entry) => entry.cpuPerRequest)),
        peakRss: Math.max(...list.map((entry) => entry.peakRss)),
        errors: list.reduce((sum, entry) => sum + entry.errors, 0),
      };
      rows.push(row);
      console.log(
        `${row.scenario.padEnd(24)} ${String(concurrency).padStart(4)}  ${row.target.padEnd(6)} ${format(row.rps, 0).padStart(9)}  ${format(row.p50).padStart(8)} ${format(row.p99).padStart(8)}  ${format(row.cpuPerRequest, 3).padStart(10)}  ${format(row.peakRss, 1).padStart(11)}  ${row.errors}`,
      );
      const firstError = list.find((entry) => entry.firstError)?.firstError;
      if (firstError) console.log(`    first error: ${firstError}`);
    }
  }
}

const ratios: Record<string, unknown>[] = [];
console.log("\nCPU per request as a ratio, per round (median [min–max]): pass-through ÷ floor; translated ÷ the relay's pass-through of the same stream");
for (const scenario of scenarios) {
  for (const concurrency of concurrencies) {
    const relaySamples = samples.get(key(scenario.name, concurrency, "relay")) ?? [];
    const against = scenario.baseline ? samples.get(key(scenario.baseline, concurrency, "relay")) : samples.get(key(scenario.name, concurrency, "floor"));
    if (!against) continue;
    const perRound = relaySamples.map((entry, round) => entry.cpuPerRequest / (against[round]?.cpuPerRequest ?? Number.NaN));
    const throughput = relaySamples.map((entry, round) => entry.rps / (against[round]?.rps ?? Number.NaN));
    const label = scenario.baseline ? `÷ relay ${scenario.baseline}` : "÷ floor";
    ratios.push({ scenario: scenario.name, concurrency, against: scenario.baseline ?? "floor", cpu: perRound, throughput });
    console.log(
      `${scenario.name.padEnd(24)} ${String(concurrency).padStart(4)}  cpu ${format(median(perRound))}× [${format(Math.min(...perRound))}–${format(Math.max(...perRound))}]  throughput ${format(median(throughput))}×  ${label}`,
    );
  }
}
console.log(`idle RSS of copilot-relay: ${format(idleRss, 1)} MB`);

// count_tokens is answered locally; Claude Code's VS Code extension sends dozens at start-up.
const countBody = JSON.stringify(claudeCodeLikeRequest(100_000));
const countUrl = `${relayUrl}/v1/messages/count_tokens`;
const coldStart = performance.now();
const cold = await fetch(countUrl, { method: "POST", body: countBody });
const coldMs = performance.now() - coldStart;
const coldTokens = ((await cold.json()) as { input_tokens?: number }).input_tokens;
const countCpuBefore = cpuMs(relay.process.pid);
const counted = await drive(countUrl, countBody, 50, seconds * 1000);
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
      rows,
      ratios,
      countTokens: { coldMs, rps: counted.requests / counted.seconds, p50: percentile(counted.latenciesMs, 50), p99: percentile(counted.latenciesMs, 99), cpuMsPerRequest: countCpu },
    },
    null,
    2,
  ),
);
for (const child of [relay, floor, fake]) child.process.kill("SIGTERM");
rmSync(home, { recursive: true, force: true });
process.exit(0);
