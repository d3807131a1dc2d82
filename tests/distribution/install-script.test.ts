import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, normalize } from "node:path";
import { repoRoot } from "../support/spawn-relay.ts";
import { buildHostRelease, hostAsset, hostTarget, packageVersion, type ReleaseBuild, run } from "./release-fixture.ts";

const installScript = join(repoRoot, "install.sh");
// Resolved once: some tests run the script with a PATH that leaves tools out.
const shell = Bun.which("sh") ?? "/bin/sh";
let release: ReleaseBuild;
let server: ReturnType<typeof Bun.serve>;
let site: string;
let baseUrl: string;

/** Lays out one release the way GitHub serves it: latest/download/<asset> and download/v<version>/<asset>. */
function publish(name: string, binary: string, checksums: string): void {
  for (const folder of [join(site, name, "latest", "download"), join(site, name, "download", `v${packageVersion}`)]) {
    mkdirSync(folder, { recursive: true });
    linkSync(binary, join(folder, hostAsset));
    linkSync(checksums, join(folder, "SHA256SUMS"));
  }
}

/** A PATH of symlinks to just these tools, to take curl or wget away from the script. */
function pathWith(tools: string[]): string {
  const bin = join(release.work, `bin-${tools.length}-${tools.includes("wget") ? "wget" : "none"}`);
  mkdirSync(bin, { recursive: true });
  for (const tool of tools) {
    const found = Bun.which(tool);
    if (found && !existsSync(join(bin, tool))) symlinkSync(found, join(bin, tool));
  }
  return bin;
}

const basicTools = ["uname", "ldd", "grep", "mktemp", "rm", "cat", "awk", "cut", "sed", "sha256sum", "shasum", "mkdir", "chmod", "cp", "mv", "basename"];

function install(args: string[], env: Record<string, string>) {
  return run([shell, installScript, ...args], { HOME: release.work, SHELL: "/bin/bash", ...env });
}

beforeAll(async () => {
  release = await buildHostRelease();
  site = join(release.work, "site");
  const binary = join(release.distDir, hostAsset);
  publish("good", binary, join(release.distDir, "SHA256SUMS"));
  // The same release with one byte of the binary flipped: what a broken mirror or a tampered download looks like.
  const corrupt = join(release.work, "corrupt-binary");
  copyFileSync(binary, corrupt);
  const bytes = readFileSync(corrupt);
  bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
  writeFileSync(corrupt, bytes);
  publish("corrupt", corrupt, join(release.distDir, "SHA256SUMS"));
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      const path = normalize(join(site, decodeURIComponent(new URL(request.url).pathname)));
      const found = path.startsWith(site) && existsSync(path) && statSync(path).isFile();
      return found ? new Response(Bun.file(path)) : new Response("Not Found", { status: 404 });
    },
  });
  baseUrl = `http://127.0.0.1:${server.port}`;
}, 60_000);

afterAll(async () => {
  await server?.stop(true);
  release?.cleanup();
});

describe("the release build", () => {
  test("stamps the version and commit into the binary and lists it in SHA256SUMS", async () => {
    const binary = join(release.distDir, hostAsset);
    const version = await run([binary, "--version"]);
    expect(version.stdout.trim()).toMatch(new RegExp(`^${packageVersion.replaceAll(".", "\\.")} \\(([0-9a-f]{7,}|unknown)\\)$`));
    const hash = new Bun.CryptoHasher("sha256").update(readFileSync(binary)).digest("hex");
    expect(readFileSync(join(release.distDir, "SHA256SUMS"), "utf8")).toBe(`${hash}  ${hostAsset}\n`);
    const check = await run(["sha256sum", "--check", "SHA256SUMS"], {}, release.distDir);
    expect(check.stdout).toContain(`${hostAsset}: OK`);
  });

  test("debug shows the same version and commit", async () => {
    const binary = join(release.distDir, hostAsset);
    const stamp = (await run([binary, "--version"])).stdout.trim();
    const home = { HOME: release.work, XDG_DATA_HOME: join(release.work, "share"), XDG_CONFIG_HOME: join(release.work, "config") };
    const json = JSON.parse((await run([binary, "debug", "--json"], home)).stdout);
    expect(`${json.version} (${json.commit})`).toBe(stamp);
    expect((await run([binary, "debug"], home)).stdout.split("\n")[0]).toBe(`copilot-relay ${stamp}`);
  });
});

describe("install.sh", () => {
  test("installs the latest release into INSTALL_DIR after checking its SHA-256, and says how to put it on PATH", async () => {
    const installDir = join(release.work, "latest", "bin");
    const result = await install([], { INSTALL_DIR: installDir, COPILOT_RELAY_DOWNLOAD_URL: `${baseUrl}/good` });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Installing copilot-relay (latest) for ${hostTarget} into ${installDir}`);
    expect(result.stdout).toContain(`Installed copilot-relay ${packageVersion} (`);
    expect(result.stdout).toContain(`${installDir} is not on your PATH`);
    expect(result.stdout).toContain(`echo 'export PATH="${installDir}:$PATH"' >> ~/.bashrc`);
    const installed = await run([join(installDir, "copilot-relay"), "--version"]);
    expect(installed.code).toBe(0);
    expect(installed.stdout.trim().startsWith(`${packageVersion} (`)).toBe(true);
    expect(statSync(join(installDir, "copilot-relay")).mode & 0o777).toBe(0o755);
  });

  test("--version installs that release; an unpublished version fails with the URL it tried", async () => {
    const installDir = join(release.work, "pinned");
    const pinned = await install(["--version", `v${packageVersion}`], { INSTALL_DIR: installDir, COPILOT_RELAY_DOWNLOAD_URL: `${baseUrl}/good/`, PATH: `${installDir}:${process.env.PATH}` });
    expect(pinned.code).toBe(0);
    expect(pinned.stdout).toContain(`Installing copilot-relay (${packageVersion})`);
    expect(pinned.stdout).toContain("Run: copilot-relay start");
    const missing = await install(["--version", "9.9.9"], { INSTALL_DIR: join(release.work, "missing"), COPILOT_RELAY_DOWNLOAD_URL: `${baseUrl}/good` });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(`error: could not download ${baseUrl}/good/download/v9.9.9/${hostAsset}`);
    expect(existsSync(join(release.work, "missing"))).toBe(false);
  });

  test("refuses a corrupted download: non-zero exit, a checksum mismatch message, nothing installed", async () => {
    const installDir = join(release.work, "corrupt", "bin");
    const result = await install([], { INSTALL_DIR: installDir, COPILOT_RELAY_DOWNLOAD_URL: `${baseUrl}/corrupt` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`error: checksum mismatch for ${hostAsset} \\(expected [0-9a-f]{64}, got [0-9a-f]{64}\\)`));
    expect(result.stderr).toContain("nothing was installed");
    expect(existsSync(installDir)).toBe(false);
  });

  test("names an unsupported platform and the ones that exist", async () => {
    const os = await install([], { COPILOT_RELAY_OS: "freebsd", COPILOT_RELAY_ARCH: "x64", COPILOT_RELAY_DOWNLOAD_URL: `${baseUrl}/good` });
    expect(os.code).toBe(1);
    expect(os.stderr).toContain("error: unsupported platform 'freebsd-x64': release binaries exist for linux-x64, linux-arm64, darwin-x64 and darwin-arm64");
    const arch = await install([], { COPILOT_RELAY_OS: "linux", COPILOT_RELAY_ARCH: "riscv64", COPILOT_RELAY_DOWNLOAD_URL: `${baseUrl}/good` });
    expect(arch.code).toBe(1);
    expect(arch.stderr).toContain("unsupported platform 'linux-riscv64'");
  });

  test("says so when neither curl nor wget is installed", async () => {
    const result = await install([], { PATH: pathWith(basicTools), COPILOT_RELAY_DOWNLOAD_URL: `${baseUrl}/good` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: neither curl nor wget is installed");
  });

  test.skipIf(!Bun.which("wget"))("downloads with wget when curl is missing", async () => {
    const installDir = join(release.work, "wget", "bin");
    const result = await install([], { PATH: pathWith([...basicTools, "wget"]), INSTALL_DIR: installDir, COPILOT_RELAY_DOWNLOAD_URL: `${baseUrl}/good` });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(existsSync(join(installDir, "copilot-relay"))).toBe(true);
  });

  test("rejects an unknown argument", async () => {
    const result = await install(["--prefix", "/usr"], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: unknown argument '--prefix'");
  });

  // ubuntu-latest (CI) ships shellcheck; elsewhere `apt-get install shellcheck` enables this check.
  test.skipIf(!Bun.which("shellcheck"))("is POSIX sh that shellcheck passes", async () => {
    const result = await run(["shellcheck", "--shell=sh", installScript]);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
