import { homedir } from "node:os";
import { join } from "node:path";

type Env = Record<string, string | undefined>;

function userHome(env: Env): string {
  return env.HOME || env.USERPROFILE || homedir();
}

/** `$XDG_DATA_HOME/copilot-relay`, i.e. `~/.local/share/copilot-relay` by default. */
export function defaultDataDir(env: Env): string {
  return join(env.XDG_DATA_HOME || join(userHome(env), ".local", "share"), "copilot-relay");
}

/** `$XDG_CONFIG_HOME/copilot-relay/config.yaml`. */
export function defaultConfigFile(env: Env): string {
  return join(env.XDG_CONFIG_HOME || join(userHome(env), ".config"), "copilot-relay", "config.yaml");
}

export function githubTokenFile(dataDir: string): string {
  return join(dataDir, "github_token");
}

/** Where copilot-api keeps its token, imported once so its users need not log in again. */
export function copilotApiTokenFile(env: Env): string {
  return join(env.XDG_DATA_HOME || join(userHome(env), ".local", "share"), "copilot-api", "github_token");
}
