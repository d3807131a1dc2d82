import { loadConfig } from "../config/load-config.ts";
import type { Config } from "../config/schema.ts";
import { createServices, type Services } from "../services/create-services.ts";
import { runDeviceFlow } from "../services/device-flow.ts";
import { isInteractive, resolveGithubToken } from "../services/github-token.ts";
import { flagsFromArgs } from "./option-args.ts";

export function configFromArgs(args: Record<string, unknown>, rawArgs: string[]): Config {
  return loadConfig({
    flags: flagsFromArgs(args, rawArgs),
    env: process.env,
    configFile: typeof args.config === "string" ? args.config : undefined,
  });
}

/** Prints the device code plainly: people copy it from logs and from terminals without colour. */
export function deviceLogin(services: Services): Promise<string> {
  return runDeviceFlow({
    http: services.http,
    githubUrl: services.config.githubUrl,
    clientId: services.config.oauthClientId,
    clock: services.clock,
    onCode: (code) => {
      process.stderr.write(`\nTo log in to GitHub, open ${code.verification_uri} and enter the code: ${code.user_code}\n\n`);
    },
  });
}

/** Finds (or logs in for) the GitHub token and hands it to the services. */
export async function withGithubToken(services: Services): Promise<Services> {
  const { token, source } = await resolveGithubToken({
    config: services.config,
    env: services.env,
    logger: services.logger,
    interactive: isInteractive(services.env),
    login: () => deviceLogin(services),
  });
  services.logger.debug(`Using the GitHub token from ${source}`);
  services.setGithubToken(token);
  return services;
}

export async function servicesFromArgs(args: Record<string, unknown>, rawArgs: string[]): Promise<Services> {
  return withGithubToken(createServices(configFromArgs(args, rawArgs)));
}
