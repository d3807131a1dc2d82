import { chmodSync, copyFileSync, constants, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** Claude Code's user settings: `$CLAUDE_CONFIG_DIR/settings.json`, else `~/.claude/settings.json`. */
export function claudeSettingsPath(env: Record<string, string | undefined>): string {
  if (env.CLAUDE_CONFIG_DIR) return join(env.CLAUDE_CONFIG_DIR, "settings.json");
  return join(env.HOME || env.USERPROFILE || homedir(), ".claude", "settings.json");
}

export interface MergeClaudeSettingsResult {
  /** The file written (the link's target when the settings file is a symlink, e.g. from a dotfiles repo). */
  path: string;
  /** Copy of the previous file; undefined when there was none. */
  backupPath?: string;
}

/** A settings file we refuse to rewrite; the message says why and that the file was left as it was. */
export class ClaudeSettingsError extends Error {
  override name = "ClaudeSettingsError";
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
}

function backup(path: string, now: Date): string {
  for (let attempt = 0; ; attempt++) {
    const candidate = `${path}.bak-${timestamp(now)}${attempt ? `-${attempt}` : ""}`;
    try {
      copyFileSync(path, candidate, constants.COPYFILE_EXCL);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 100) throw error;
    }
  }
}

/**
 * Merges `env` into the settings file's `env` object, keeping every other key and env entry. The old file is
 * copied to `settings.json.bak-<timestamp>` first, the new one is written to a temporary file and renamed over it,
 * so an interrupted run never leaves half a file. A file that is not a JSON object is an error and stays untouched.
 */
export function mergeClaudeSettings(path: string, env: Record<string, string>, now: Date = new Date()): MergeClaudeSettingsResult {
  const target = existsSync(path) ? realpathSync(path) : path;
  let settings: Record<string, unknown> = {};
  let mode: number | undefined;
  const existed = existsSync(target);
  if (existed) {
    const text = readFileSync(target, "utf8");
    let parsed: unknown;
    try {
      parsed = text.trim() === "" ? {} : JSON.parse(text);
    } catch (error) {
      throw new ClaudeSettingsError(`${path} is not valid JSON (${(error as Error).message}); fix it or move it away and run again. It was not changed.`);
    }
    if (!isObject(parsed)) throw new ClaudeSettingsError(`${path} does not hold a JSON object; it was not changed.`);
    if (parsed.env !== undefined && !isObject(parsed.env)) throw new ClaudeSettingsError(`"env" in ${path} is not an object; it was not changed.`);
    settings = parsed;
    mode = statSync(target).mode & 0o777;
  }

  const merged = { ...settings, env: { ...(isObject(settings.env) ? settings.env : {}), ...env } };
  mkdirSync(dirname(target), { recursive: true });
  const backupPath = existed ? backup(target, now) : undefined;
  const temporary = `${target}.tmp-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  try {
    writeFileSync(temporary, `${JSON.stringify(merged, null, 2)}\n`, { mode: mode ?? 0o644 });
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return { path: target, backupPath };
}
