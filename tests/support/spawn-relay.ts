import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakeUpstream } from "../fake-upstream/index.ts";
import { fakeEnv } from "./relay-harness.ts";

export const repoRoot = join(import.meta.dir, "..", "..");
export const sourceEntry = [process.execPath, join(repoRoot, "src", "main.ts")];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temporary HOME whose environment points the CLI at the fake upstream, with no terminal attached. */
export function cliEnv(fake: FakeUpstream | undefined, extra: Record<string, string> = {}): { env: Record<string, string>; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), "copilot-relay-cli-"));
  const base: Record<string, string> = { PATH: process.env.PATH ?? "", CI: "true", NO_COLOR: "1" };
  const env = { ...base, ...(fake ? fakeEnv(fake, home) : { HOME: home, XDG_DATA_HOME: join(home, "share"), XDG_CONFIG_HOME: join(home, "config") }), ...extra };
  return { env, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export async function runCli(command: string[], args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = Bun.spawn([...command, ...args], { env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const [code, stdout, stderr] = await Promise.all([child.exited, new Response(child.stdout).text(), new Response(child.stderr).text()]);
  return { code, stdout, stderr };
}

export interface ServerProcess {
  url: string;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number>;
}

/** Starts `start --port 0` and waits for the "listening on" line to learn the port. */
export async function startServerProcess(command: string[], args: string[], env: Record<string, string>, timeoutMs = 20_000): Promise<ServerProcess> {
  const child = Bun.spawn([...command, "start", "--port", "0", ...args], { env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  let output = "";
  const decoder = new TextDecoder();
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) output += decoder.decode(chunk, { stream: true });
  };
  void pump(child.stdout);
  void pump(child.stderr);
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!url && Date.now() < deadline && child.exitCode === null) {
    url = /listening on (http:\/\/[^\s"]+)/.exec(output)?.[1];
    if (!url) await Bun.sleep(20);
  }
  if (!url) {
    child.kill();
    throw new Error(`server did not start: ${output}`);
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      return child.exited;
    },
  };
}
