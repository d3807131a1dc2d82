import type { ArgsDef } from "citty";
import { type OptionKey, optionKeys, optionSpecs, toFlagName, toKey } from "../config/options.ts";

/** citty arg definitions for every config option; values stay strings so loadConfig validates them in one place. */
export function optionArgs(): ArgsDef {
  const args: ArgsDef = {};
  for (const key of optionKeys) {
    const spec = optionSpecs[key] as (typeof optionSpecs)[OptionKey] & { alias?: string; values?: readonly string[] };
    const allowed = spec.values ? ` (${spec.values.join(" | ")})` : "";
    const fallback = "default" in spec && spec.kind !== "boolean" ? ` [default: ${spec.default}]` : "";
    args[toFlagName(key)] = {
      type: spec.kind === "boolean" ? "boolean" : "string",
      description: `${spec.description}${allowed}${fallback}`,
      ...(spec.alias ? { alias: spec.alias } : {}),
    };
  }
  args.config = { type: "string", description: "Config file (default $XDG_CONFIG_HOME/copilot-relay/config.yaml)" };
  return args;
}

/** Parsed citty args → option flags keyed by config key; flags that were not given stay undefined. */
export function flagsFromArgs(args: Record<string, unknown>, rawArgs: string[]): Record<string, unknown> {
  const given = new Set(
    rawArgs
      .filter((arg) => arg.startsWith("-"))
      .map((arg) => arg.replace(/^-+(no-)?/, "").split("=")[0] ?? "")
      .map((name) => {
        const byAlias = optionKeys.find((key) => (optionSpecs[key] as { alias?: string }).alias === name);
        return byAlias ?? toKey(name);
      }),
  );
  const flags: Record<string, unknown> = {};
  for (const key of optionKeys) {
    if (!given.has(key)) continue;
    flags[key] = args[toFlagName(key)] ?? args[key];
  }
  return flags;
}
