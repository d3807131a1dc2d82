import type { CommandDef } from "citty";
import { CliUsageError } from "./cli-error.ts";

type Resolvable<T> = T | Promise<T> | (() => T) | (() => Promise<T>);
type AnyCommand = CommandDef<any>;

export interface LeafCommand {
  command: AnyCommand;
  /** The arguments after the subcommand names. */
  rawArgs: string[];
  /** `copilot-relay config init`. */
  name: string;
  parent?: AnyCommand;
}

const resolve = async <T>(value: Resolvable<T>): Promise<T> => (typeof value === "function" ? (value as () => T | Promise<T>)() : value);

/**
 * Walks `config init --force` down to the `init` command and its own arguments, so strict-args checks the flags of
 * the command that runs. A group without its subcommand is a usage mistake, except for --help.
 */
export async function leafCommand(command: AnyCommand, rawArgs: string[], name: string, parent?: AnyCommand): Promise<LeafCommand> {
  if (!command.subCommands) return { command, rawArgs, name, ...(parent ? { parent } : {}) };
  const subCommands = await resolve(command.subCommands);
  const names = Object.keys(subCommands).join(", ");
  const [first, ...rest] = rawArgs;
  if (first === undefined || first.startsWith("-")) {
    if (["--help", "-h", "--version"].some((flag) => rawArgs.includes(flag))) return { command, rawArgs, name, ...(parent ? { parent } : {}) };
    throw new CliUsageError(`'${name}' needs a subcommand: ${names}. Run '${name} --help'.`);
  }
  const sub = subCommands[first];
  if (!sub) throw new CliUsageError(`Unknown subcommand '${first}' for '${name}'. Subcommands: ${names}. Run '${name} --help'.`);
  return leafCommand(await resolve(sub), rest, `${name} ${first}`, command);
}
