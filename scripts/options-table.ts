#!/usr/bin/env bun
/** Prints the README's configuration table from the one option table, so the docs cannot drift from the code. */
import { flagOf, optionKeys, optionSpecs, toEnvName } from "../src/config/options.ts";

console.log("| Flag | Environment | Config key | Default | Meaning |");
console.log("|---|---|---|---|---|");
for (const key of optionKeys) {
  const spec = optionSpecs[key] as { alias?: string; default?: unknown; description: string; values?: readonly string[] };
  const flag = `\`--${flagOf(key)}\`${spec.alias ? ` / \`-${spec.alias}\`` : ""}`;
  const fallback = spec.default === undefined || (Array.isArray(spec.default) && spec.default.length === 0) ? "—" : `\`${spec.default}\``;
  console.log(`| ${flag} | \`${toEnvName(key)}\` | \`${key}\` | ${fallback} | ${spec.description} |`);
}
