import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseChecksums, renderFormula } from "../../scripts/homebrew.ts";
import { repoRoot } from "../support/spawn-relay.ts";
import { run } from "./release-fixture.ts";

const work = mkdtempSync(join(tmpdir(), "copilot-relay-brew-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const targets = ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "windows-x64"];
/** A distinct fake digest per asset, so a swapped pair would show. */
const fakeSha = (index: number) => String(index + 1).repeat(64).slice(0, 64);
const sums = `${targets.map((target, index) => `${fakeSha(index)}  copilot-relay-${target}${target.startsWith("windows") ? ".exe" : ""}`).join("\n")}\n`;
const download = "https://github.com/acme/copilot-relay/releases/download/v1.2.3";

/** The lines inside `on_<os> do … on_<cpu> do … end`: url and sha256 for one platform. */
function platformBlock(formula: string, os: string, cpu: string): string {
  const osBlock = new RegExp(`\\n  on_${os} do\\n([\\s\\S]*?)\\n  end\\n`).exec(formula)?.[1] ?? "";
  return new RegExp(`on_${cpu} do\\n([\\s\\S]*?)\\n    end`).exec(osBlock)?.[1] ?? "";
}

describe("the Homebrew formula", () => {
  const formula = renderFormula({ version: "1.2.3", repository: "acme/copilot-relay", checksums: parseChecksums(sums) });

  test("is the CopilotRelay class at the release version", () => {
    expect(formula).toContain("class CopilotRelay < Formula\n");
    expect(formula).toContain('  version "1.2.3"\n');
    expect(formula).toContain('  homepage "https://github.com/acme/copilot-relay"\n');
    expect(formula).toContain('  license "MIT"\n');
    expect(formula.trimEnd().endsWith("end")).toBe(true);
  });

  test.each([
    ["macos", "arm", "darwin-arm64", 3],
    ["macos", "intel", "darwin-x64", 2],
    ["linux", "arm", "linux-arm64", 1],
    ["linux", "intel", "linux-x64", 0],
  ] as const)("on_%s on_%s downloads copilot-relay-%s with its own sha256", (os, cpu, target, index) => {
    const block = platformBlock(formula, os, cpu);
    expect(block).toContain(`url "${download}/copilot-relay-${target}"`);
    expect(block).toContain(`sha256 "${fakeSha(index)}"`);
  });

  test("installs the binary as copilot-relay and tests it with --version", () => {
    expect(formula).toContain('bin.install Dir["copilot-relay-*"].first => "copilot-relay"');
    expect(formula).toMatch(/\n {2}test do\n {4}assert_match version\.to_s, shell_output\("#\{bin\}\/copilot-relay --version"\)\n {2}end\n/);
  });

  test("refuses checksums that lack a platform, and versions that are not releases", () => {
    const withoutLinuxArm = parseChecksums(sums.split("\n").filter((line) => !line.endsWith("linux-arm64")).join("\n"));
    expect(() => renderFormula({ version: "1.2.3", repository: "acme/copilot-relay", checksums: withoutLinuxArm })).toThrow("SHA256SUMS has no entry for copilot-relay-linux-arm64");
    expect(() => renderFormula({ version: "main", repository: "acme/copilot-relay", checksums: parseChecksums(sums) })).toThrow("not a release version");
  });

  test("reads sha256sum's binary-mode lines too", () => {
    expect(parseChecksums(`${"a".repeat(64)} *copilot-relay-linux-x64\n`).get("copilot-relay-linux-x64")).toBe("a".repeat(64));
  });

  test("the script writes Formula/copilot-relay.rb from a SHA256SUMS file", async () => {
    writeFileSync(join(work, "SHA256SUMS"), sums);
    const out = join(work, "tap", "Formula", "copilot-relay.rb");
    const result = await run([process.execPath, join(repoRoot, "scripts", "homebrew.ts"), "--checksums", join(work, "SHA256SUMS"), "--version", "v1.2.3", "--repository", "acme/copilot-relay", "--out", out]);
    expect(result.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(formula);
  });
});
