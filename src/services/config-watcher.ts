import { type FSWatcher, readFileSync, watch } from "node:fs";
import { dirname, resolve } from "node:path";
import { ConfigError } from "../config/config-error.ts";

/** What the watcher logs through: the relay's Logger fits, and so does a test's recorder. */
export interface ConfigWatcherLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ConfigWatcherOptions<T> {
  file: string;
  /** Reads and validates the whole configuration again (flags and environment included); throws a ConfigError. */
  load: () => T;
  /** The new configuration, after a successful load only. */
  onChange: (config: T) => void;
  logger: ConfigWatcherLogger;
  /** Quiet time after the last change before reloading; editors write a file in several steps. */
  debounceMs?: number;
}

export interface ConfigWatcher {
  stop(): void;
}

const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

/**
 * Watches the config file's directory (an editor that saves by renaming a new file over the old one replaces the
 * file, which a watch on the file itself would lose) and reloads when the file's text changed. A failed load logs
 * every problem and keeps the current configuration; a deleted file is reported and changes nothing.
 */
export function createConfigWatcher<T>(options: ConfigWatcherOptions<T>): ConfigWatcher {
  const file = resolve(options.file);
  const { logger } = options;
  let seen = readText(file);
  let gone = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const reload = () => {
    timer = undefined;
    if (stopped) return;
    const text = readText(file);
    if (text === undefined) {
      if (!gone && seen !== undefined) logger.warn(`config file ${file} is gone; keeping the current configuration`);
      gone = true;
      return;
    }
    gone = false;
    if (text === seen) return;
    seen = text;
    let config: T;
    try {
      config = options.load();
    } catch (error) {
      const problems = error instanceof ConfigError ? error.problems : [(error as Error)?.message ?? String(error)];
      logger.error(`config reload from ${file} failed; keeping the current configuration:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
      return;
    }
    logger.info(`config reloaded from ${file}`);
    try {
      options.onChange(config);
    } catch (error) {
      logger.error(`config from ${file} was reloaded but could not be applied: ${(error as Error)?.message ?? error}`);
    }
  };

  const schedule = () => {
    if (stopped) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(reload, options.debounceMs ?? 100);
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), schedule);
    watcher.on("error", (error) => logger.error(`watching ${file} failed: ${error.message}`));
  } catch (error) {
    logger.warn(`not watching ${file} for changes: ${(error as Error).message}`);
  }

  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      watcher?.close();
    },
  };
}
