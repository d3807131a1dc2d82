import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import packageJson from "../../package.json" with { type: "json" };
import { type CliResult, repoRoot } from "../support/spawn-relay.ts";

export const packageVersion = packageJson.version;
/** This machine as a release target name, e.g. "linux-x64". */
export const hostTarget = `${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
export const hostAsset = `copilot-relay-${hostTarget}${process.platform === "win32" ? ".exe" : ""}`;

export interface ReleaseBuild {
  /** A temporary folder the way `bun run build --all` leaves dist/, holding only this machine's binary. */
  distDir: string;
  work: string;
  cleanup: () => void;
}

/** Runs the real build script for this machine's target into a temporary folder (about half a second). */
export async function buildHostRelease(): Promise<ReleaseBuild> {
  const work = mkdtempSync(join(tmpdir(), "copilot-relay-dist-"));
  const distDir = join(work, "dist");
  const build = await run([process.execPath, join(repoRoot, "scripts", "build.ts"), "--target", "host", "--outdir", distDir]);
  if (build.code !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
  return { distDir, work, cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

/** A process with a plain environment (no terminal) and the caller's overrides. */
export function run(command: string[], env: Record<string, string> = {}, cwd = repoRoot): Promise<CliResult> {
  const child = Bun.spawn(command, { cwd, env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...env }, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  return Promise.all([child.exited, new Response(child.stdout).text(), new Response(child.stderr).text()]).then(([code, stdout, stderr]) => ({ code, stdout, stderr }));
}
