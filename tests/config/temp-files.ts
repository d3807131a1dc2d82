import { afterEach } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Temporary directories removed after each test of the file that calls it. */
export function tempFiles(): { dir: () => string; file: (name: string, text: string) => string } {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dir = () => {
    const made = mkdtempSync(join(tmpdir(), "copilot-relay-config-"));
    dirs.push(made);
    return made;
  };
  return {
    dir,
    file: (name, text) => {
      const path = join(dir(), name);
      writeFileSync(path, text);
      return path;
    },
  };
}

/** An environment with no config file, data or keys of the machine running the tests. */
export const baseEnv = { HOME: "/nonexistent-home", XDG_CONFIG_HOME: "/nonexistent-config" };
