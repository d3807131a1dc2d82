import { defineCommand } from "citty";
import { createApp } from "../app.ts";
import type { Services } from "../services/create-services.ts";
import { isInteractive } from "../services/github-token.ts";
import { VERSION } from "../version.ts";
import { createLogger } from "../core/logger.ts";
import { serveOptions } from "../serve-options.ts";
import { createServices } from "../services/create-services.ts";
import { configFromArgs, withGithubToken } from "./command-context.ts";
import { isLoopbackName } from "../services/guard/is-loopback.ts";
import { CliUsageError } from "./cli-error.ts";
import { checkOpenFiles, liftFetchLimit } from "./fetch-limits.ts";
import { gracefulStop } from "./graceful-stop.ts";
import { createConfigWatcher } from "../services/config-watcher.ts";
import { optionArgs } from "./option-args.ts";

export const startCommand = defineCommand({
  meta: { name: "start", description: "Start the relay server" },
  args: {
    ...optionArgs(),
    "claude-code": { type: "boolean", alias: "c", description: "Once ready, pick models and print the environment that points Claude Code here" },
    model: { type: "string", description: "With --claude-code: the main model" },
    "small-model": { type: "string", description: "With --claude-code: the small, fast model" },
  },
  async run({ args, rawArgs }) {
    const config = configFromArgs(args, rawArgs);
    const exposed = !isLoopbackName(config.host);
    if (exposed && config.apiKeys.length === 0 && config.auth) {
      throw new CliUsageError(
        `Refusing to listen on ${config.host} without API keys: anyone who can reach it could use your Copilot subscription. ` +
          "Set --api-key (or COPILOT_RELAY_API_KEYS), or pass --no-auth to accept the risk.",
      );
    }
    const logger = createLogger({ verbose: config.verbose, format: config.logFormat, file: config.logFile });
    // Before any fetch: Bun fixes its fetch concurrency when the process starts.
    await liftFetchLimit(config.maxUpstreamRequests, logger);
    checkOpenFiles(config.maxUpstreamRequests, logger);
    const services = await withGithubToken(createServices(config, { logger }));
    const app = createApp(services);
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    // reusePort false: Elysia defaults to true, which lets a second relay silently share the port.
    app.listen(serveOptions(config, config.port));
    logger.info(`copilot-relay ${VERSION} listening on http://${host}:${app.server?.port}`);
    // The same routes on Ollama's port, for tools that assume http://localhost:11434 (and its /v1 OpenAI routes).
    const ollamaApp = config.ollamaPort === undefined ? undefined : createApp(services);
    if (ollamaApp) {
      try {
        ollamaApp.listen(serveOptions(config, config.ollamaPort as number));
      } catch (error) {
        logger.error(`Cannot listen on the Ollama port ${config.ollamaPort}: ${(error as Error).message}`);
        await app.stop();
        process.exit(1);
      }
      logger.info(`Ollama API also on http://${host}:${ollamaApp.server?.port}`);
    }
    if (exposed && config.apiKeys.length === 0) {
      logger.warn(`Listening on ${config.host} WITHOUT API keys (--no-auth): anyone who can reach this address can use your Copilot subscription.`);
    } else if (exposed) {
      logger.info(`Listening beyond loopback on ${config.host}; requests need one of the ${config.apiKeys.length} API keys.`);
    }

    // Providers, model routes, fallbacks and aliases follow the config file; other options apply at the next start.
    const watcher = config.configFile
      ? createConfigWatcher({ file: config.configFile, load: () => services.prepareRouting(configFromArgs(args, rawArgs)), onChange: (apply) => apply(), logger })
      : undefined;
    const shutdown = (signal: string) => {
      watcher?.stop();
      logger.info(`${signal}: no new requests; in-flight ones get ${config.shutdownGrace} s to finish`);
      void gracefulStop({ servers: [app, ollamaApp], services, graceMs: config.shutdownGrace * 1000 }).finally(() => process.exit(0));
    };
    process.once("SIGINT", () => shutdown("SIGINT"));
    process.once("SIGTERM", () => shutdown("SIGTERM"));

    try {
      await services.start();
    } catch (error) {
      logger.error((error as Error).message);
      services.stop();
      await Promise.all([app.stop(), ollamaApp?.stop()]);
      process.exit(1);
    }
    if (services.readiness.ready()) logger.success(`Ready: ${services.models.list().length} models from ${services.copilot.baseUrl()}`);
    if (args["claude-code"]) await printClaudeCodeEnv(services, app.server?.port ?? config.port, args);
  },
});

/** `start --claude-code`: copilot-api's flag; the same choice and output as the `claude-code` command. */
async function printClaudeCodeEnv(services: Services, port: number, args: Record<string, unknown>): Promise<void> {
  const { chooseClaudeModels, claudeCodeEnv, detectShell, formatShellEnv, promptSelect } = await import("./claude-code.ts");
  const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : undefined);
  try {
    const choice = await chooseClaudeModels(services.models.list(), {
      model: text(args.model),
      smallModel: text(args["small-model"]),
      interactive: isInteractive(services.env),
      select: promptSelect,
      aliases: services.config.modelAliases,
    });
    const env = claudeCodeEnv({ host: services.config.host, port, ...choice });
    process.stdout.write(`\nRun Claude Code with this environment:\n\n${formatShellEnv(env, detectShell(services.env))}\n`);
  } catch (error) {
    services.logger.error(`--claude-code: ${(error as Error).message}`);
  }
}
