import { afterEach, describe, expect, test } from "bun:test";
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load-config.ts";
import type { Config } from "../../src/config/schema.ts";
import { type ConfigWatcher, createConfigWatcher } from "../../src/services/config-watcher.ts";
import { baseEnv, tempFiles } from "./temp-files.ts";

const files = tempFiles();
const watchers: ConfigWatcher[] = [];
afterEach(() => {
  for (const watcher of watchers.splice(0)) watcher.stop();
});

/** Resolves with the next value pushed, or fails the test after a generous deadline (no timing is asserted). */
function channel<T>() {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  return {
    push(value: T) {
      queue.push(value);
      wake?.();
    },
    async next(what: string): Promise<T> {
      const deadline = Date.now() + 10_000;
      while (queue.length === 0) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100);
        });
      }
      return queue.shift() as T;
    },
    get length() {
      return queue.length;
    },
  };
}

function watch(yaml: string) {
  const path = files.file("config.yaml", yaml);
  const load = () => loadConfig({ env: baseEnv, configFile: path });
  let current: Config = load();
  const changes = channel<Config>();
  const infos = channel<string>();
  const errors = channel<string>();
  const logger = { info: (message: string) => infos.push(message), warn: (message: string) => errors.push(message), error: (message: string) => errors.push(message) };
  watchers.push(
    createConfigWatcher({
      file: path,
      load,
      onChange: (config) => {
        current = config;
        changes.push(config);
      },
      logger,
    }),
  );
  return { path, changes, infos, errors, current: () => current };
}

describe("config hot reload", () => {
  test("a good edit is loaded, announced and handed over", async () => {
    const watched = watch("port: 1111\n");
    writeFileSync(watched.path, "port: 2222\nproviders:\n  local: { type: ollama }\n");
    const config = await watched.changes.next("the reload");
    expect(config.port).toBe(2222);
    expect(config.providers?.local).toEqual({ type: "ollama" });
    expect(watched.current().port).toBe(2222);
    expect(await watched.infos.next("the log line")).toBe(`config reloaded from ${watched.path}`);
  });

  test("an editor that replaces the file by a rename is followed, and the watch survives it", async () => {
    const watched = watch("port: 1111\n");
    const temporary = join(watched.path, "..", ".config.yaml.tmp");
    writeFileSync(temporary, "port: 3333\n");
    renameSync(temporary, watched.path);
    expect((await watched.changes.next("the first reload")).port).toBe(3333);
    writeFileSync(watched.path, "port: 4444\n");
    expect((await watched.changes.next("the second reload")).port).toBe(4444);
  });

  test("a bad edit logs every problem and keeps the old configuration; the next good edit is taken", async () => {
    const watched = watch("port: 1111\n");
    writeFileSync(watched.path, "port: 99999\nmodels:\n  x: { provider: nope }\n");
    const error = await watched.errors.next("the error");
    expect(error).toStartWith(`config reload from ${watched.path} failed; keeping the current configuration:\n`);
    expect(error).toContain('Invalid value 99999 for port (config key "port")');
    expect(error).toContain('Invalid configuration at models.x.provider: unknown provider "nope"');
    expect(watched.changes.length).toBe(0);
    expect(watched.current().port).toBe(1111);

    writeFileSync(watched.path, "port: 5555\n");
    expect((await watched.changes.next("the reload after the fix")).port).toBe(5555);
  });

  test("after stop() nothing is reloaded", async () => {
    const watched = watch("port: 1111\n");
    watchers.splice(0).forEach((watcher) => watcher.stop());
    writeFileSync(watched.path, "port: 6666\n");
    // A later watcher on the same file sees the edit, so the first one had its chance too.
    const path = watched.path;
    const seen = channel<number>();
    watchers.push(createConfigWatcher({ file: path, load: () => loadConfig({ env: baseEnv, configFile: path }).port, onChange: (port) => seen.push(port), logger: { info() {}, warn() {}, error() {} } }));
    writeFileSync(path, "port: 7777\n");
    expect(await seen.next("the second watcher")).toBe(7777);
    expect(watched.changes.length).toBe(0);
  });
});
