import type { RulePath, RuleProblems } from "./rule-problems.ts";
import { isConnectionHeader } from "./stripped-headers.ts";

// RFC 9110 §5.1 (field-name = token) and §5.5 (field values: no CR, LF or NUL; fetch's Headers take Latin-1 only).
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The lower-case name, or undefined after adding a problem. Values are never quoted: they may be secrets. */
export function headerName(name: string, at: RulePath, problems: RuleProblems): string | undefined {
  if (TOKEN.test(name)) return name.toLowerCase();
  problems.add(at, `${JSON.stringify(name)} is not a valid header name`);
  return undefined;
}

/**
 * The `set` / `add` map as lower-case names → values. The connection's own headers (host, content-length …) cannot
 * be written; a credential can (it is the config's own value, e.g. a gateway key), a name given twice cannot.
 */
export function headerValues(values: Readonly<Record<string, string>>, at: RulePath, problems: RuleProblems): Map<string, string> {
  const result = new Map<string, string>();
  for (const [raw, value] of Object.entries(values)) {
    const name = headerName(raw, [...at, raw], problems);
    if (name === undefined) continue;
    if (isConnectionHeader(name)) problems.add([...at, raw], `${name} belongs to the connection; fetch sets it`);
    else if (!FIELD_VALUE.test(value)) problems.add([...at, raw], "the value may not hold line breaks, NUL or characters beyond Latin-1");
    else if (result.has(name)) problems.add([...at, raw], `${name} is given twice (header names are case-insensitive)`);
    else result.set(name, value);
  }
  return result;
}
