import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../support/spawn-relay.ts";
import { hostAsset, hostTarget, packageVersion, run } from "./release-fixture.ts";

/**
 * The platform package carries a stand-in for the binary: a shell script that answers like it. npm pack gzips what
 * it packs, and the real 110 MB binary took 6 to 11 s to pack and 3 s to install; the packaging, the executable bit,
 * the launcher's resolution and the argument and exit-code pass-through are what this file tests (install.sh's tests
 * and tests/e2e run the real binary).
 */
const standIn = `#!/bin/sh
if [ "$1" = --version ]; then echo "${packageVersion} (stand-in)"; exit 0; fi
if [ "$1" = start ] && [ $# -eq 1 ]; then
  trap 'echo "stand-in stopped by SIGTERM"; exit 143' TERM
  echo "stand-in serving"
  # Bounded, so that a launcher that died without passing the signal on leaves no process behind for long.
  i=0; while [ $i -lt 30 ]; do sleep 1 >/dev/null 2>&1 & wait $!; i=$((i + 1)); done
  exit 1
fi
echo "stand-in got: $*" >&2
exit 2
`;

let work: string;
let distDir: string;
let packagesDir: string;
let tarballs: string;
/** npm with a private cache and config, and a registry that refuses connections: nothing may come from the network. */
let npmEnv: Record<string, string>;
/** Temporary projects with the tarballs installed: the main package and this platform's, or the main one alone. */
let withBinary: string;
let withoutBinary: string;

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

async function npm(args: string[], cwd: string) {
  const result = await run(["npm", ...args], npmEnv, cwd);
  if (result.code !== 0) throw new Error(`npm ${args.join(" ")} failed: ${result.stdout}${result.stderr}`);
  return result;
}

/** A fresh project with the given tarballs installed, offline. */
async function projectWith(name: string, packages: string[]): Promise<string> {
  const project = join(work, name);
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "package.json"), JSON.stringify({ name, private: true }));
  await npm(["install", "--offline", "--no-audit", "--no-fund", ...packages.map((file) => join(tarballs, file))], project);
  return project;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "copilot-relay-npm-"));
  distDir = join(work, "dist");
  mkdirSync(distDir);
  writeFileSync(join(distDir, hostAsset), standIn);
  chmodSync(join(distDir, hostAsset), 0o644);
  packagesDir = join(work, "npm");
  tarballs = join(work, "tarballs");
  mkdirSync(tarballs);
  const userconfig = join(work, "npmrc");
  writeFileSync(userconfig, "");
  npmEnv = { HOME: work, npm_config_cache: join(work, "npm-cache"), npm_config_userconfig: userconfig, npm_config_registry: "http://127.0.0.1:9/", npm_config_update_notifier: "false" };
  const built = await run([process.execPath, join(repoRoot, "scripts", "npm-packages.ts"), "--dist", distDir, "--out", packagesDir, "--targets", hostTarget, "--repository", "acme/copilot-relay"]);
  if (built.code !== 0) throw new Error(`npm-packages failed: ${built.stdout}${built.stderr}`);
  for (const dir of [`copilot-relay-${hostTarget}`, "copilot-relay"]) await npm(["pack", join(packagesDir, dir), "--pack-destination", tarballs, "--silent"], work);
  withBinary = await projectWith("with-binary", [`copilot-relay-${packageVersion}.tgz`, `copilot-relay-${hostTarget}-${packageVersion}.tgz`]);
  withoutBinary = await projectWith("without-binary", [`copilot-relay-${packageVersion}.tgz`]);
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the npm packages", () => {
  test("the main package lists every platform package as an optional dependency and has a launcher bin", () => {
    const main = readJson(join(packagesDir, "copilot-relay", "package.json"));
    expect(main).toMatchObject({ name: "copilot-relay", version: packageVersion, bin: { "copilot-relay": "bin/copilot-relay.cjs" } });
    expect(main.optionalDependencies).toEqual(
      Object.fromEntries(["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "windows-x64"].map((target) => [`@copilot-relay/${target}`, packageVersion])),
    );
    expect(main.repository.url).toBe("git+https://github.com/acme/copilot-relay.git");
    expect(main.dependencies).toBeUndefined();
  });

  test("a platform package carries the binary and restricts itself to its os and cpu", () => {
    const platform = readJson(join(packagesDir, `copilot-relay-${hostTarget}`, "package.json"));
    const [os, cpu] = hostTarget.split("-");
    expect(platform).toMatchObject({ name: `@copilot-relay/${hostTarget}`, version: packageVersion, os: [os === "windows" ? "win32" : os], cpu: [cpu] });
    if (os === "linux") expect(platform.libc).toEqual(["glibc"]);
    expect(readdirSync(join(packagesDir, `copilot-relay-${hostTarget}`, "bin"))).toEqual([os === "windows" ? "copilot-relay.exe" : "copilot-relay"]);
  });

  test.skipIf(process.platform === "win32")("packed and installed from the tarballs, `npx copilot-relay` runs the platform package's binary", async () => {
    expect(readdirSync(tarballs).sort()).toEqual([`copilot-relay-${hostTarget}-${packageVersion}.tgz`, `copilot-relay-${packageVersion}.tgz`].sort());
    const version = await npm(["exec", "--offline", "--", "copilot-relay", "--version"], withBinary);
    expect(version.stdout.trim()).toBe(`${packageVersion} (stand-in)`);
    // Arguments, stderr and the exit code pass through the launcher.
    const badFlag = await run([join(withBinary, "node_modules", ".bin", "copilot-relay"), "start", "--nope"], npmEnv, withBinary);
    expect(badFlag.stderr).toBe("stand-in got: start --nope\n");
    expect(badFlag.code).toBe(2);
  });

  test.skipIf(process.platform === "win32")("the launcher passes SIGTERM on to the binary and exits as it does", async () => {
    const child = Bun.spawn([join(withBinary, "node_modules", ".bin", "copilot-relay"), "start"], { cwd: withBinary, env: { ...npmEnv, PATH: process.env.PATH ?? "" }, stdout: "pipe", stderr: "pipe" });
    const reader = child.stdout.getReader();
    let output = "";
    while (!output.includes("stand-in serving")) {
      const { value, done } = await reader.read();
      if (done) break;
      output += new TextDecoder().decode(value);
    }
    child.kill("SIGTERM");
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) output += new TextDecoder().decode(chunk.value);
    expect(await child.exited).toBe(143);
    expect(output).toBe("stand-in serving\nstand-in stopped by SIGTERM\n");
  });

  test("without the platform package the launcher says what is missing", async () => {
    const result = await run([join(withoutBinary, "node_modules", ".bin", "copilot-relay"), "--version"], npmEnv, withoutBinary);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`copilot-relay: no binary for ${hostTarget}: the optional dependency @copilot-relay/${hostTarget} is not installed`);
    expect(result.stderr).toContain("https://github.com/acme/copilot-relay/releases");
  });
});
