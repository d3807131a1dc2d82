import { defineCommand } from "citty";
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigError, loadConfigWithSources } from "../config/load-config.ts";
import { defaultConfigFile } from "../config/paths.ts";
import { resolveProviders } from "../config/resolve-providers.ts";
import { starterConfig } from "../config/starter-config.ts";
import { CliUsageError } from "./cli-error.ts";
import { describeConfig, formatConfigText } from "./config-show.ts";
import { flagsFromArgs, optionArgs } from "./option-args.ts";

const configArg = { type: "string", description: "Config file (default $COPILOT_RELAY_CONFIG, else $XDG_CONFIG_HOME/copilot-relay/config.yaml)" } as const;

/** --config, else COPILOT_RELAY_CONFIG, else the XDG default: the file the other commands read. */
const configPath = (args: { config?: unknown }): string =>
  typeof args.config === "string" ? args.config : (process.env.COPILOT_RELAY_CONFIG ?? defaultConfigFile(process.env));

/** 0600 from the first byte (the file may come to hold keys); over an existing file only with force, by a rename. */
function writeConfigFile(path: string, text: string, force: boolean): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!force) {
    try {
      writeFileSync(path, text, { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new CliUsageError(`${path} already exists; add --force to overwrite it`);
      throw error;
    }
    return;
  }
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600, flag: "wx" });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

const initCommand = defineCommand({
  meta: { name: "init", description: "Write a commented starter config file (every option, provider and model examples)" },
  args: { config: configArg, force: { type: "boolean", description: "Overwrite an existing file" } },
  run({ args }) {
    const path = configPath(args);
    writeConfigFile(path, starterConfig(), args.force === true);
    process.stdout.write(`Wrote ${path}\n`);
  },
});

const showCommand = defineCommand({
  meta: { name: "show", description: "Print the effective configuration and where each value came from (secrets masked)" },
  args: { ...optionArgs(), json: { type: "boolean", description: "Print JSON" } },
  run({ args, rawArgs }) {
    const loaded = loadConfigWithSources({
      flags: flagsFromArgs(args, rawArgs),
      env: process.env,
      configFile: typeof args.config === "string" ? args.config : undefined,
    });
    const shown = describeConfig(loaded, process.env);
    process.stdout.write(`${args.json ? JSON.stringify(shown, null, 2) : formatConfigText(shown)}\n`);
  },
});

const validateCommand = defineCommand({
  meta: { name: "validate", description: "Check a config file and list every problem (exit code 2), or print OK" },
  args: { config: configArg },
  run({ args }) {
    const path = configPath(args);
    if (!existsSync(path)) throw new ConfigError(`Config file not found: ${path}`);
    try {
      const { config } = loadConfigWithSources({ env: process.env, configFile: path });
      resolveProviders(config, process.env);
    } catch (error) {
      if (error instanceof ConfigError) throw new ConfigError(error.problems, path);
      throw error;
    }
    process.stdout.write(`OK: ${path}\n`);
  },
});

export const configCommand = defineCommand({
  meta: { name: "config", description: "Write a starter config file, show the effective configuration, or validate a file" },
  subCommands: { init: initCommand, show: showCommand, validate: validateCommand },
});
