import { defineCommand } from "citty";
import { githubTokenFile } from "../config/paths.ts";
import { createServices } from "../services/create-services.ts";
import { writeTokenFile } from "../services/token-file.ts";
import { configFromArgs, deviceLogin } from "./command-context.ts";
import { optionArgs } from "./option-args.ts";

export const authCommand = defineCommand({
  meta: { name: "auth", description: "Log in to GitHub with the device flow and store the token (always logs in again)" },
  args: optionArgs(),
  async run({ args, rawArgs }) {
    const services = createServices(configFromArgs(args, rawArgs));
    const token = await deviceLogin(services);
    const path = githubTokenFile(services.config.home);
    writeTokenFile(path, token);
    if (services.config.showToken) services.logger.info(`GitHub token: ${token}`);
    const user = await services.http<{ login?: string }>(`${services.config.githubApiUrl}/user`, {
      headers: { authorization: `token ${token}`, accept: "application/json" },
    }).catch(() => undefined);
    services.logger.success(`Logged in${user?.login ? ` as ${user.login}` : ""}; token saved to ${path}`);
  },
});
