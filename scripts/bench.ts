#!/usr/bin/env bun
/**
 * `bun run bench`: the fake Copilot, a minimal Bun pass-through proxy (the floor) and copilot-relay, each in its
 * own process, under the same load: non-streaming and 100-chunk streaming chat at concurrency 1, 32 and 256.
 * Prints req/s, p50/p99 latency, CPU ms per request and peak RSS per target, and copilot-relay's ratios to the
 * floor measured in the same run. Each figure is the median over --rounds (default 2) interleaved measurements, so
 * drift on a shared machine hits both targets alike. Options: --seconds N (per measurement, default 3), --source (run src/main.ts
 * instead of the compiled binary), --only stream|nonstream.
 */
import { mkdtempSync, rmSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drive, percentile } from "./bench/load.ts";
import { claudeCodeLikeRequest } from "./bench/claude-code-request.ts";
import { cpuMs, peakRssMb, resetPeak, rssMb } from "./bench/process-stats.ts";

const root = join(import.meta.dir, "..");
const argv = process.argv.slice(2);
const option = (name: string) => {
  const index = argv.indexOf(name);
  return index === -1 ? undefined : argv[index + 1];
};
const seconds = Number(option("--seconds") ?? 3);
const rounds = Number(option("--rounds") ?? 2);
const useSource = argv.includes("--source");
const only = option("--only");

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

const fake = spawn([process.execPath, join(root, "scripts/bench/fake-server.ts")]);
const fakeInfo = await waitFor("fake upstream", firstJsonLine(fake));
const floor = spawn([process.execPath, join(root, "scripts/bench/floor-proxy.ts")], { FLOOR_UPSTREAM: fakeInfo.copilotUrl!, FLOOR_GITHUB_API: fakeInfo.url });
const floorInfo = await waitFor("floor proxy", firstJsonLine(floor));

const home = mkdtempSync(join(tmpdir(), "copilot-relay-bench-"));
const relayStarted = performance.now();
const relay = spawn([...relayCommand, "start", "--port", "0"], {
  COPILOT_RELAY_HOME: home,
  COPILOT_RELAY_GITHUB_URL: fakeInfo.url,
  COPILOT_RELAY_GITHUB_API_URL: fakeInfo.url,
  COPILOT_RELAY_GITHUB_TOKEN: "gho_fake_user_token",
  XDG_CONFIG_HOME: join(home, "config"),
  CI: "true",
  NO_COLOR: "1",
});
const relayUrl = await waitFor("relay", () => /listening on (http:\/\/\S+)/.exec(relay.output())?.[1]);
const chatBody = (content: string, stream: boolean) => JSON.stringify({ model: "gpt-4.1", messages: [{ role: "user", content }], stream });
const firstAnswer = await waitFor("first relay answer", async () => {
  const response = await fetch(`${relayUrl}/v1/chat/completions`, { method: "POST", body: chatBody("hi", false) }).catch(() => undefined);
  return response?.ok ? performance.now() - relayStarted : (await response?.arrayBuffer(), undefined);
});
await Bun.sleep(1000);
const idleRss = rssMb(relay.process.pid);

const targets = [
  { name: "floor", url: `${floorInfo.url}/v1/chat/completions`, pid: floor.process.pid },
  { name: "copilot-relay", url: `${relayUrl}/v1/chat/completions`, pid: relay.process.pid },
];
const scenarios = [
  { name: "nonstream", body: chatBody("hi", false) },
  { name: "stream-100", body: chatBody("[[chunks:100]]", true) },
].filter((scenario) => !only || scenario.name.startsWith(only));

interface Row {
  scenario: string;
  concurrency: number;
  target: string;
  rps: number;
  p50: number;
  p99: number;
  cpuPerRequest: number;
  peakRss: number;
  errors: number;
}
const rows: Row[] = [];
const format = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");

console.log(`copilot-relay benchmark — ${seconds} s per measurement, median of ${rounds} rounds, relay = ${relayCommand.join(" ").replace(root, ".")}`);
console.log(`relay: first answer ${format(firstAnswer, 0)} ms after spawn (start-up + token + models + one request); idle RSS ${format(idleRss, 1)} MB\n`);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const samples = new Map<string, Row[]>();
for (let round = 0; round < rounds; round++) {
  for (const scenario of scenarios) {
    for (const concurrency of [1, 32, 256]) {
      // Alternate which target goes first, so neither always runs on a warmer or cooler machine.
      for (const target of round % 2 ? [...targets].reverse() : targets) {
        await drive(target.url, scenario.body, concurrency, Math.min(1000, seconds * 300)); // warm-up
        resetPeak(target.pid);
        const cpuBefore = cpuMs(target.pid);
        const result = await drive(target.url, scenario.body, concurrency, seconds * 1000);
        const cpu = cpuMs(target.pid) - cpuBefore;
        const key = `${scenario.name}/${concurrency}/${target.name}`;
        const list = samples.get(key) ?? [];
        list.push({
          scenario: scenario.name,
          concurrency,
          target: target.name,
          rps: result.requests / result.seconds,
          p50: percentile(result.latenciesMs, 50),
          p99: percentile(result.latenciesMs, 99),
          cpuPerRequest: cpu / Math.max(1, result.requests),
          peakRss: peakRssMb(target.pid),
          errors: result.errors,
        });
        samples.set(key, list);
      }
    }
  }
}

console.log("scenario     conc  target          req/s     p50 ms   p99 ms   cpu ms/req  peak RSS MB  errors");
for (const list of samples.values()) {
  const row: Row = {
    ...list[0]!,
    rps: median(list.map((entry) => entry.rps)),
    p50: median(list.map((entry) => entry.p50)),
    p99: median(list.map((entry) => entry.p99)),
    cpuPerRequest: median(list.map((entry) => entry.cpuPerRequest)),
    peakRss: Math.max(...list.map((entry) => entry.peakRss)),
    errors: list.reduce((sum, entry) => sum + entry.errors, 0),
  };
  rows.push(row);
  console.log(
    `${row.scenario.padEnd(12)} ${String(row.concurrency).padStart(4)}  ${row.target.padEnd(14)} ${format(row.rps, 0).padStart(7)}  ${format(row.p50).padStart(8)} ${format(row.p99).padStart(8)}  ${format(row.cpuPerRequest, 3).padStart(10)}  ${format(row.peakRss, 1).padStart(11)}  ${row.errors}`,
  );
}

console.log("\ncopilot-relay ÷ floor (same run): CPU per request (aim ≤ 1.20), throughput (aim ≥ 0.85)");
for (const scenario of scenarios) {
  for (const concurrency of [1, 32, 256]) {
    const floorRow = rows.find((row) => row.scenario === scenario.name && row.concurrency === concurrency && row.target === "floor")!;
    const relayRow = rows.find((row) => row.scenario === scenario.name && row.concurrency === concurrency && row.target === "copilot-relay")!;
    console.log(
      `${scenario.name.padEnd(12)} ${String(concurrency).padStart(4)}  cpu ${format(relayRow.cpuPerRequest / floorRow.cpuPerRequest)}×  throughput ${format(relayRow.rps / floorRow.rps)}×  p50 ${format(relayRow.p50 / floorRow.p50)}×`,
    );
  }
}
console.log(`idle RSS of copilot-relay: ${format(idleRss, 1)} MB (aim ≤ 60)`);

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
  JSON.stringify({ seconds, firstAnswerMs: firstAnswer, idleRssMb: idleRss, rows, countTokens: { coldMs, rps: counted.requests / counted.seconds, p50: percentile(counted.latenciesMs, 50), p99: percentile(counted.latenciesMs, 99), cpuMsPerRequest: countCpu } }, null, 2),
);
for (const child of [relay, floor, fake]) child.process.kill("SIGTERM");
rmSync(home, { recursive: true, force: true });
process.exit(0);
