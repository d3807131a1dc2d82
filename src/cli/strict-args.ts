import type { ArgsDef } from "citty";
import { CliUsageError } from "./cli-error.ts";

/**
 * citty accepts any flag; a typo should not be silently ignored, so every flag is checked against the command's
 * definitions before it runs.
 */
export function assertKnownArgs(commandName: string, args: ArgsDef, rawArgs: string[]): void {
  const names = new Map<string, "boolean" | "value">();
  let positionals = 0;
  for (const [name, def] of Object.entries(args)) {
    if (def.type === "positional") {
      positionals++;
      continue;
    }
    const kind = def.type === "boolean" ? "boolean" : "value";
    names.set(name, kind);
    const aliases = "alias" in def && def.alias ? (Array.isArray(def.alias) ? def.alias : [def.alias]) : [];
    for (const alias of aliases) names.set(alias, kind);
  }
  names.set("help", "boolean").set("h", "boolean").set("version", "boolean");

  const seenPositionals: string[] = [];
  for (let index = 0; index < rawArgs.length; index++) {
    const arg = rawArgs[index] ?? "";
    if (arg === "--") break;
    if (!arg.startsWith("-") || arg === "-") {
      seenPositionals.push(arg);
      continue;
    }
    const [rawName = "", inlineValue] = arg.replace(/^-+/, "").split(/=(.*)/s);
    const name = names.has(rawName) ? rawName : rawName.replace(/^no-/, "");
    const kind = names.get(name);
    if (!kind || (rawName.startsWith("no-") && kind !== "boolean" && !names.has(rawName))) {
      throw new CliUsageError(`Unknown option ${arg.split("=")[0]} for '${commandName}'. Run '${commandName} --help' to see the options.`);
    }
    if (kind === "value" && inlineValue === undefined) {
      const next = rawArgs[index + 1];
      if (next === undefined || (next.startsWith("-") && next.length > 1 && !/^-\d/.test(next))) {
        throw new CliUsageError(`Option ${arg} of '${commandName}' needs a value.`);
      }
      index++;
    }
  }
  if (seenPositionals.length > positionals) {
    throw new CliUsageError(`Unexpected argument '${seenPositionals[positionals]}' for '${commandName}'. Run '${commandName} --help'.`);
  }
}
