import { defineCommand } from "citty";
import { consola } from "consola";
import type { CopilotModel } from "../providers/copilot/model.ts";
import { isInteractive } from "../services/github-token.ts";
import { CliUsageError } from "./cli-error.ts";
import { claudeCodeEnv, detectShell, formatShellEnv, isShell, SHELLS } from "./claude-code-env.ts";
import { chooseClaudeModels, type SelectModel } from "./claude-code-models.ts";
import { claudeSettingsPath, mergeClaudeSettings } from "./claude-settings.ts";
import { servicesFromArgs } from "./command-context.ts";
import { optionArgs } from "./option-args.ts";

export { type ClaudeCodeEnv, type ClaudeCodeEnvOptions, claudeCodeEnv, clientBaseUrl, detectShell, formatShellEnv, type Shell, SHELLS } from "./claude-code-env.ts";
export { type ClaudeModelChoice, chooseClaudeModels, claudeCodeModels, defaultClaudeModels, type SelectModel } from "./claude-code-models.ts";
export { ClaudeSettingsError, claudeSettingsPath, mergeClaudeSettings } from "./claude-settings.ts";

/** The interactive picker: consola's select prompt; Ctrl+C ends the command instead of picking a default. */
export const promptSelect: SelectModel = async (message, options, initial) => {
  const picked = await consola.prompt(message, { type: "select", options, initial, cancel: "reject" }).catch(() => {
    throw new CliUsageError("Cancelled.");
  });
  return typeof picked === "string" ? picked : (picked as { value: string }).value;
};

/** Loads the account's models the way `models` does: Copilot token, one /models call, then stop every timer. */
async function loadModels(args: Record<string, unknown>, rawArgs: string[]) {
  const services = await servicesFromArgs(args, rawArgs);
  try {
    await services.tokens.start();
    const models: CopilotModel[] = await services.copilot.listModels();
    return { services, models };
  } finally {
    services.stop();
  }
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

export const claudeCodeCommand = defineCommand({
  meta: { name: "claude-code", description: "Set up Claude Code to use the relay: pick models, print the environment or write it to Claude's settings" },
  args: {
    ...optionArgs(),
    model: { type: "string", description: "Main model (default: newest Claude Sonnet; asked for in a terminal)" },
    "small-model": { type: "string", description: "Small, fast model for background tasks (default: newest Claude Haiku)" },
    shell: { type: "string", description: `Shell syntax to print (${SHELLS.join(" | ")}) [default: detected]` },
    "write-settings": { type: "boolean", description: "Merge the environment into Claude Code's settings.json (a backup is kept)" },
    "settings-file": { type: "string", description: "Settings file for --write-settings [default: $CLAUDE_CONFIG_DIR or ~/.claude/settings.json]" },
    print: { type: "boolean", description: "Print the environment even with --write-settings" },
  },
  async run({ args, rawArgs }) {
    const shellArg = text(args.shell);
    if (shellArg !== undefined && !isShell(shellArg)) throw new CliUsageError(`Unknown shell '${shellArg}': use one of ${SHELLS.join(", ")}.`);

    const { services, models } = await loadModels(args, rawArgs);
    const { config, env } = services;
    const interactive = isInteractive(env);
    const choice = await chooseClaudeModels(models, {
      model: text(args.model),
      smallModel: text(args["small-model"]),
      interactive,
      select: promptSelect,
      aliases: config.modelAliases,
    });
    const apiKey = (config as Record<string, unknown>).apiKey;
    const claudeEnv = claudeCodeEnv({ host: config.host, port: config.port, ...choice, authToken: typeof apiKey === "string" ? apiKey : undefined });

    // Everything but the environment goes to stderr, so `eval "$(copilot-relay claude-code)"` works.
    process.stderr.write(`Claude Code models: main ${choice.model}, small ${choice.smallModel} (relay at ${claudeEnv.ANTHROPIC_BASE_URL})\n`);
    if (args["write-settings"]) {
      const path = text(args["settings-file"]) ?? claudeSettingsPath(env);
      const written = mergeClaudeSettings(path, claudeEnv);
      process.stderr.write(`Wrote the environment to ${written.path}${written.backupPath ? ` (previous version: ${written.backupPath})` : ""}\n`);
      process.stderr.write(`Start the relay with the same --host/--port, then run: claude\n`);
      if (!args.print) return;
    }
    process.stdout.write(formatShellEnv(claudeEnv, (shellArg as ReturnType<typeof detectShell> | undefined) ?? detectShell(env)));
  },
});
