import { defineCommand } from "citty";
import { createApp } from "../app.ts";
import { VERSION } from "../version.ts";
import { servicesFromArgs } from "./command-context.ts";
import { optionArgs } from "./option-args.ts";

export const startCommand = defineCommand({
  meta: { name: "start", description: "Start the relay server" },
  args: optionArgs(),
  async run({ args, rawArgs }) {
    const services = await servicesFromArgs(args, rawArgs);
    const { config, logger } = services;
    const app = createApp(services);
    // reusePort false: Elysia defaults to true, which lets a second relay silently share the port.
    app.listen({ port: config.port, hostname: config.host, reusePort: false, idleTimeout: 255 });
    const address = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${app.server?.port}`;
    logger.info(`copilot-relay ${VERSION} listening on ${address}`);
    if (config.host !== "127.0.0.1" && config.host !== "localhost" && config.host !== "::1") {
      logger.warn(`Bound to ${config.host}: anyone who can reach this address can use your Copilot subscription.`);
    }

    const shutdown = () => {
      services.stop();
      void app.stop().finally(() => process.exit(0));
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);

    try {
      await services.start();
    } catch (error) {
      logger.error((error as Error).message);
      services.stop();
      await app.stop();
      process.exit(1);
    }
    if (services.readiness.ready()) logger.success(`Ready: ${services.models.list().length} models from ${services.copilot.baseUrl()}`);
  },
});
