#!/usr/bin/env bun
/**
 * Builds the npm packages behind `npx copilot-relay` from the release binaries (the esbuild/biome pattern): one
 * package per platform carrying its binary, with `os`/`cpu`(/`libc`) so npm installs only the matching one, and the
 * main package `copilot-relay` listing them all as optionalDependencies plus a small Node launcher that runs the
 * installed one.
 *   bun scripts/npm-packages.ts [--dist dist] [--out dist/npm] [--version 0.1.0] [--repository owner/name] [--targets linux-x64,...]
 * Writes <out>/copilot-relay-<os>-<arch>/ for each target and <out>/copilot-relay/; publish the platform packages first.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import packageJson from "../package.json" with { type: "json" };
import { assetName, defaultRepository, releaseTargets } from "./build.ts";

/** Platform packages live in this npm scope: @copilot-relay/linux-x64 and so on. */
export const npmScope = "@copilot-relay";

export interface NpmPackagesOptions {
  /** Folder holding copilot-relay-<os>-<arch>[.exe], as `bun run build --all` writes it. */
  distDir: string;
  outDir: string;
  version: string;
  repository: string;
  /** Platform packages to build (default: every release target); the main package always lists all of them. */
  targets?: string[];
}

const npmOs: Record<string, string> = { linux: "linux", darwin: "darwin", windows: "win32" };

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function commonFields(options: NpmPackagesOptions) {
  return {
    version: options.version,
    license: packageJson.license,
    homepage: `https://github.com/${options.repository}#readme`,
    repository: { type: "git", url: `git+https://github.com/${options.repository}.git` },
  };
}

function buildPlatformPackage(target: string, options: NpmPackagesOptions): string {
  const [os = "", cpu = ""] = target.split("-");
  const source = join(options.distDir, assetName(target));
  if (!existsSync(source)) throw new Error(`missing ${source}: run \`bun run build --all\` first (or pass --targets)`);
  const dir = join(options.outDir, `copilot-relay-${target}`);
  const executable = os === "windows" ? "copilot-relay.exe" : "copilot-relay";
  mkdirSync(join(dir, "bin"), { recursive: true });
  copyFileSync(source, join(dir, "bin", executable));
  chmodSync(join(dir, "bin", executable), 0o755);
  writeJson(join(dir, "package.json"), {
    name: `${npmScope}/${target}`,
    ...commonFields(options),
    description: `The copilot-relay binary for ${target}; install \`copilot-relay\`, which picks it.`,
    os: [npmOs[os]],
    cpu: [cpu],
    // The Linux binaries are linked against glibc: on musl npm should skip them rather than install a dud.
    ...(os === "linux" ? { libc: ["glibc"] } : {}),
    files: ["bin"],
    preferUnplugged: true,
  });
  writeFileSync(join(dir, "README.md"), `# ${npmScope}/${target}\n\nThe \`copilot-relay\` binary for ${target}. Use the \`copilot-relay\` package: \`npx copilot-relay@latest start\`.\n`);
  return dir;
}

function buildMainPackage(options: NpmPackagesOptions): string {
  const dir = join(options.outDir, "copilot-relay");
  mkdirSync(join(dir, "bin"), { recursive: true });
  const launcher = readFileSync(join(import.meta.dir, "npm", "launcher.cjs"), "utf8")
    .replaceAll("__SCOPE__", npmScope)
    .replaceAll("__REPOSITORY__", options.repository);
  writeFileSync(join(dir, "bin", "copilot-relay.cjs"), launcher);
  chmodSync(join(dir, "bin", "copilot-relay.cjs"), 0o755);
  writeJson(join(dir, "package.json"), {
    name: "copilot-relay",
    ...commonFields(options),
    description: packageJson.description,
    bin: { "copilot-relay": "bin/copilot-relay.cjs" },
    files: ["bin", "README.md"],
    engines: { node: ">=18" },
    optionalDependencies: Object.fromEntries(Object.keys(releaseTargets).map((target) => [`${npmScope}/${target}`, options.version])),
  });
  copyFileSync(join(import.meta.dir, "..", "README.md"), join(dir, "README.md"));
  return dir;
}

/** Writes every package and returns their folders, platform packages first (the order to publish them in). */
export function buildNpmPackages(options: NpmPackagesOptions): string[] {
  const targets = options.targets ?? Object.keys(releaseTargets);
  for (const target of targets) {
    if (!(target in releaseTargets)) throw new Error(`unknown target "${target}"; known: ${Object.keys(releaseTargets).join(", ")}`);
  }
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  return [...targets.map((target) => buildPlatformPackage(target, options)), buildMainPackage(options)];
}

if (import.meta.main) {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { dist: { type: "string" }, out: { type: "string" }, version: { type: "string" }, repository: { type: "string" }, targets: { type: "string" } },
    });
    const dirs = buildNpmPackages({
      distDir: resolve(values.dist ?? "dist"),
      outDir: resolve(values.out ?? "dist/npm"),
      version: (values.version ?? packageJson.version).replace(/^v/, ""),
      repository: values.repository ?? defaultRepository(process.env),
      targets: values.targets?.split(",").map((target) => target.trim()),
    });
    for (const dir of dirs) console.log(`wrote ${dir}`);
  } catch (error) {
    console.error(`npm-packages: ${(error as Error).message}`);
    process.exit(1);
  }
}
