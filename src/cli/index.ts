import { type CommandDef, defineCommand, renderUsage, runCommand } from "citty";
import { ConfigError } from "../config/load-config.ts";
import { RelayError } from "../core/relay-error.ts";
import { VERSION } from "../version.ts";
import { CliUsageError } from "./cli-error.ts";
import { assertKnownArgs } from "./strict-args.ts";
import { leafCommand } from "./sub-commands.ts";

type LoadCommand = () => Promise<CommandDef<any>>;

/** Loaded on demand: `start` should not pay (in start-up time and resident memory) for the other commands. */
const subCommands: Record<string, LoadCommand> = {
  start: () => import("./start.ts").then((module) => module.startCommand),
  auth: () => import("./auth.ts").then((module) => module.authCommand),
  usage: () => import("./usage.ts").then((module) => module.usageCommand),
  "check-usage": () => import("./usage.ts").then((module) => module.usageCommand),
  debug: () => import("./debug.ts").then((module) => module.debugCommand),
  models: () => import("./models.ts").then((module) => module.modelsCommand),
  "claude-code": () => import("./claude-code.ts").then((module) => module.claudeCodeCommand),
  config: () => import("./config.ts").then((module) => module.configCommand),
};

export const rootCommand = defineCommand({
  meta: { name: "copilot-relay", version: VERSION, description: "GitHub Copilot as OpenAI, Anthropic and Ollama compatible APIs" },
  subCommands: Object.fromEntries(Object.entries(subCommands).filter(([name]) => name !== "check-usage")),
});

/** Runs the CLI and returns the exit code: 0 ok, 1 runtime failure, 2 usage or configuration mistake. */
export async function runCli(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h") {
    process.stdout.write(`${await renderUsage(rootCommand)}\n`);
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-V") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = subCommands[first];
  const name = `copilot-relay ${first}`;
  try {
    if (!load) throw new CliUsageError(`Unknown command '${first}'. Commands: ${Object.keys(subCommands).join(", ")}. Run 'copilot-relay --help'.`);
    const leaf = await leafCommand(await load(), rest, name);
    if (leaf.rawArgs.includes("--help") || leaf.rawArgs.includes("-h")) {
      process.stdout.write(`${await renderUsage(leaf.command, leaf.parent ?? rootCommand)}\n`);
      return 0;
    }
    if (leaf.rawArgs.includes("--version")) {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    assertKnownArgs(leaf.name, (leaf.command.args ?? {}) as Record<string, never>, leaf.rawArgs);
    await runCommand(leaf.command, { rawArgs: leaf.rawArgs });
    return 0;
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof ConfigError) {
      process.stderr.write(`copilot-relay: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RelayError) {
      process.stderr.write(`copilot-relay: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`copilot-relay: ${(error as Error)?.message ?? error}\n`);
    return 1;
  }
}
