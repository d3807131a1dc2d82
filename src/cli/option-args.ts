import type { ArgsDef } from "citty";
import { flagOf, type OptionKey, optionKeys, optionSpecs } from "../config/options.ts";

/** citty arg definitions for every config option; values stay strings so loadConfig validates them in one place. */
export function optionArgs(): ArgsDef {
  const args: ArgsDef = {};
  for (const key of optionKeys) {
    const spec = optionSpecs[key] as (typeof optionSpecs)[OptionKey] & { alias?: string; values?: readonly string[] };
    const allowed = spec.values ? ` (${spec.values.join(" | ")})` : "";
    const fallback = "default" in spec && spec.kind !== "boolean" ? ` [default: ${spec.default}]` : "";
    args[flagOf(key)] = {
      type: spec.kind === "boolean" ? "boolean" : "string",
      description: `${spec.description}${allowed}${fallback}`,
      ...(spec.alias ? { alias: spec.alias } : {}),
    };
  }
  args.config = { type: "string", description: "Config file (default $XDG_CONFIG_HOME/copilot-relay/config.yaml)" };
  return args;
}

/** Every value of a repeatable flag, in order: `--api-key a --api-key=b` → ["a", "b"]. */
function repeatedValues(rawArgs: string[], flag: string): string[] {
  const values: string[] = [];
  for (let index = 0; index < rawArgs.length; index++) {
    const arg = rawArgs[index] ?? "";
    if (arg === `--${flag}` && rawArgs[index + 1] !== undefined) values.push(rawArgs[++index] as string);
    else if (arg.startsWith(`--${flag}=`)) values.push(arg.slice(flag.length + 3));
  }
  return values;
}

/** Parsed citty args → option flags keyed by config key; flags that were not given stay undefined. */
export function flagsFromArgs(args: Record<string, unknown>, rawArgs: string[]): Record<string, unknown> {
  const names = new Set(rawArgs.filter((arg) => arg.startsWith("-")).map((arg) => arg.replace(/^-+(no-)?/, "").split("=")[0] ?? ""));
  const flags: Record<string, unknown> = {};
  for (const key of optionKeys) {
    const spec = optionSpecs[key] as { alias?: string; kind: string };
    if (!names.has(flagOf(key)) && !(spec.alias && names.has(spec.alias))) continue;
    flags[key] = spec.kind === "list" ? repeatedValues(rawArgs, flagOf(key)) : args[flagOf(key)];
  }
  return flags;
}
