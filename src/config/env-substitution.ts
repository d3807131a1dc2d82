import { problemAt } from "./config-error.ts";

type Env = Record<string, string | undefined>;

export interface Substituted {
  value: unknown;
  /** One sentence per unset variable or malformed reference, naming where it is. */
  problems: string[];
}

/** `$${` (a literal `${`), or `${…}` up to the first `}`, or an unterminated `${`. */
const REFERENCE = /\$(\$?)\{([^}]*)(\}?)/g;
const INNER = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

function substituteText(text: string, env: Env, path: readonly (string | number)[], problems: string[]): string {
  if (!text.includes("${")) return text;
  return text.replace(REFERENCE, (whole, escape: string, inner: string, close: string) => {
    if (escape) return whole.slice(1);
    const parsed = close ? INNER.exec(inner) : null;
    if (!parsed) {
      problems.push(problemAt(path, `malformed variable reference "${whole}" (write \${NAME} or \${NAME:-default}; $\${ for a literal \${)`));
      return whole;
    }
    const [, name = "", fallback] = parsed;
    const value = env[name];
    if (fallback !== undefined) return value === undefined || value === "" ? fallback : value;
    if (value === undefined) {
      problems.push(problemAt(path, `environment variable ${name} is not set (write \${${name}:-} to allow it to be empty)`));
      return "";
    }
    return value;
  });
}

/** A string with a problem becomes undefined (left out), so no later check reports the same place again. */
function walk(value: unknown, env: Env, path: (string | number)[], problems: string[]): unknown {
  if (typeof value === "string") {
    const before = problems.length;
    const text = substituteText(value, env, path, problems);
    return problems.length === before ? text : undefined;
  }
  if (Array.isArray(value)) return value.map((item, index) => walk(item, env, [...path, index], problems)).filter((item) => item !== undefined);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, item]) => {
        const substituted = walk(item, env, [...path, key], problems);
        return substituted === undefined ? [] : [[key, substituted]];
      }),
    );
  }
  return value;
}

/**
 * `${NAME}` and `${NAME:-default}` (the default also when NAME is empty) in every string value of a parsed config
 * file, at any depth; keys are left alone. An unset variable without a default is a problem, never a silent "", and
 * the value that has it is left out.
 */
export function substituteEnv(value: unknown, env: Env): Substituted {
  const problems: string[] = [];
  return { value: walk(value, env, [], problems), problems };
}
