import type { HeaderMode, HeaderRules } from "./header-rules-schema.ts";
import { headerMatcher } from "./header-matcher.ts";
import { headerName, headerValues } from "./header-syntax.ts";
import { type RulePath, type RuleProblems, ruleProblems } from "./rule-problems.ts";
import { connectionListed, isAlwaysStripped } from "./stripped-headers.ts";

/** A `headers:` block, compiled once. */
export interface CompiledHeaderRules {
  readonly mode: HeaderMode;
  /** The headers to send upstream, lower-case names; the provider's own credentials are added after these. */
  apply(client: Headers): Record<string, string>;
}

/** Without a `mode`, a block forwards only what it lists, like a provider without rules (which forwards nothing). */
export const DEFAULT_HEADER_MODE: HeaderMode = "allowlist";

/** `list` / `drop` entries, lower-cased; a trailing `*` is a prefix (`*` alone: every name). */
function nameList(entries: readonly string[], at: RulePath, problems: RuleProblems): string[] {
  return entries.flatMap((entry, index) => {
    if (entry === "*") return [entry];
    const prefix = entry.endsWith("*");
    const name = headerName(prefix ? entry.slice(0, -1) : entry, [...at, index], problems);
    return name === undefined ? [] : [prefix ? `${name}*` : name];
  });
}

/**
 * Compiles a `headers:` block (at = where it sits, for the messages). The client's headers pass by mode —
 * passthrough: all; allowlist: only `list`; denylist: all but `list` — and in every mode never a credential, a
 * connection header or the relay's own (stripped-headers.ts). Then `set` overrides, `add` fills in names still
 * absent from that outgoing set, and `drop` removes last. Throws one ConfigError naming every problem.
 */
export function compileHeaderRules(rules: HeaderRules | undefined, at: RulePath = ["headers"]): CompiledHeaderRules {
  const spec = rules ?? {};
  const mode = spec.mode ?? DEFAULT_HEADER_MODE;
  const problems = ruleProblems();
  const list = nameList(spec.list ?? [], [...at, "list"], problems);
  if (mode === "passthrough" && spec.list !== undefined) problems.add([...at, "list"], "is only read in allowlist or denylist mode");
  if (mode === "allowlist") {
    for (const [index, name] of list.entries()) {
      if (!name.endsWith("*") && isAlwaysStripped(name)) {
        problems.add([...at, "list", index], `${name} is never forwarded from the client (credentials and connection headers are always stripped); give the provider its own value with set`);
      }
    }
  }
  const set = headerValues(spec.set ?? {}, [...at, "set"], problems);
  const add = headerValues(spec.add ?? {}, [...at, "add"], problems);
  const dropped = headerMatcher(nameList(spec.drop ?? [], [...at, "drop"], problems));
  problems.throwIfAny();

  const listed = headerMatcher(list);
  const forwarded = mode === "passthrough" ? () => true : mode === "allowlist" ? listed : (name: string) => !listed(name);
  return {
    mode,
    apply(client) {
      const hopByHop = connectionListed(client);
      // A Map, not an object literal: a client's header may be named `__proto__` or `constructor`.
      const out = new Map<string, string>();
      client.forEach((value, name) => {
        if (!isAlwaysStripped(name) && !hopByHop.has(name) && forwarded(name)) out.set(name, value);
      });
      for (const [name, value] of set) out.set(name, value);
      for (const [name, value] of add) if (!out.has(name)) out.set(name, value);
      for (const name of out.keys()) if (dropped(name)) out.delete(name);
      return Object.fromEntries(out);
    },
  };
}
