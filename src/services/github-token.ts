import type { Config } from "../config/schema.ts";
import { copilotApiTokenFile, githubTokenFile } from "../config/paths.ts";
import type { Logger } from "../core/logger.ts";
import { RelayError } from "../core/relay-error.ts";
import { readTokenFile, writeTokenFile } from "./token-file.ts";

export type GithubTokenSource = "flag-or-config" | "GH_TOKEN" | "GITHUB_TOKEN" | "token-file" | "copilot-api" | "device-flow";

export interface ResolvedGithubToken {
  token: string;
  source: GithubTokenSource;
}

export interface ResolveGithubTokenInput {
  config: Config;
  env: Record<string, string | undefined>;
  logger: Logger;
  /** Whether a person can answer the device flow (stdin and stdout are terminals, not CI). */
  interactive: boolean;
  /** Runs the device flow; only called when interactive and no token was found. */
  login: () => Promise<string>;
}

/**
 * Token sources in order: --github-token (or COPILOT_RELAY_GITHUB_TOKEN / the config key), GH_TOKEN, GITHUB_TOKEN,
 * the data directory's file, copilot-api's file (imported), then the device flow.
 */
export async function resolveGithubToken(input: ResolveGithubTokenInput): Promise<ResolvedGithubToken> {
  const { config, env, logger } = input;
  if (config.githubToken) return { token: config.githubToken, source: "flag-or-config" };
  if (env.GH_TOKEN) return { token: env.GH_TOKEN, source: "GH_TOKEN" };
  if (env.GITHUB_TOKEN) return { token: env.GITHUB_TOKEN, source: "GITHUB_TOKEN" };

  const ownFile = githubTokenFile(config.home);
  const stored = readTokenFile(ownFile);
  if (stored) return { token: stored, source: "token-file" };

  const legacyFile = copilotApiTokenFile(env);
  const legacy = readTokenFile(legacyFile);
  if (legacy) {
    writeTokenFile(ownFile, legacy);
    logger.info(`Imported the GitHub token from copilot-api (${legacyFile}) into ${ownFile}`);
    return { token: legacy, source: "copilot-api" };
  }

  if (!input.interactive) {
    throw new RelayError("authentication", "No GitHub token found. Run `copilot-relay auth` in a terminal first, or pass --github-token / set COPILOT_RELAY_GITHUB_TOKEN.", { code: "no_github_token" });
  }
  const token = await input.login();
  writeTokenFile(ownFile, token);
  logger.success(`Logged in; token saved to ${ownFile}`);
  return { token, source: "device-flow" };
}

export const isInteractive = (env: Record<string, string | undefined>): boolean =>
  Boolean(process.stdin.isTTY && process.stdout.isTTY) && !env.CI;
