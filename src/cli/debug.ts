import { defineCommand } from "citty";
import { existsSync } from "node:fs";
import { defaultConfigFile, githubTokenFile } from "../config/paths.ts";
import { copilotBaseUrl } from "../providers/copilot/headers.ts";
import { COMMIT, PACKAGE_VERSION, VERSION } from "../version.ts";
import { configFromArgs } from "./command-context.ts";
import { optionArgs } from "./option-args.ts";

export const debugCommand = defineCommand({
  meta: { name: "debug", description: "Print version, runtime, paths and account settings (never the token)" },
  args: { ...optionArgs(), json: { type: "boolean", description: "Print JSON" } },
  run({ args, rawArgs }) {
    const config = configFromArgs(args, rawArgs);
    const tokenFile = githubTokenFile(config.home);
    const info = {
      version: PACKAGE_VERSION,
      // "" means run from source: there is no build to stamp.
      commit: COMMIT || "source",
      runtime: { bun: Bun.version, platform: process.platform, arch: process.arch, executable: process.execPath },
      paths: { home: config.home, githubTokenFile: tokenFile, configFile: config.configFile ?? defaultConfigFile(process.env) },
      tokenStored: existsSync(tokenFile),
      tokenFromFlagOrEnv: Boolean(config.githubToken || process.env.GH_TOKEN || process.env.GITHUB_TOKEN),
      accountType: config.accountType,
      enterpriseUrl: config.enterpriseUrl ?? null,
      githubUrl: config.githubUrl,
      githubApiUrl: config.githubApiUrl,
      copilotBaseUrl: copilotBaseUrl(config, undefined),
      copilotBaseUrlSource: config.copilotUrl ? "configured" : "account type (the token's endpoints.api wins at run time)",
    };
    if (args.json) {
      process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
      return;
    }
    const lines = [
      `copilot-relay ${VERSION}${COMMIT ? "" : " (from source)"}`,
      `Runtime:         Bun ${info.runtime.bun} on ${info.runtime.platform}-${info.runtime.arch}`,
      `Data directory:  ${info.paths.home}`,
      `Token file:      ${info.paths.githubTokenFile} (${info.tokenStored ? "present" : "absent"})`,
      `Config file:     ${info.paths.configFile}${config.configFile ? "" : " (absent)"}`,
      `Account type:    ${info.accountType}${info.enterpriseUrl ? ` (${info.enterpriseUrl})` : ""}`,
      `GitHub API:      ${info.githubApiUrl}`,
      `Copilot base:    ${info.copilotBaseUrl} — ${info.copilotBaseUrlSource}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  },
});
