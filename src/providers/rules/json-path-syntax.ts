/**
 * What jsonpath-plus would quietly accept or misread: it parses `$.a[` as `$.a` and `$.a.` as `$.a`. Returns the
 * problem, or undefined for a well-formed path. Quotes are skipped so `$['a]b']` is one name.
 */
export function pathShapeProblem(text: string): string | undefined {
  if (!text.startsWith("$")) return "must start with $";
  if (text === "$") return "names the whole body; name a part of it";
  if (text[1] !== "." && text[1] !== "[") return "$ must be followed by . or [";
  if (text.endsWith(".")) return "ends with a dot";
  const closers: string[] = [];
  let quote: string | undefined;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (quote !== undefined) {
      if (char === "\\") at++;
      else if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === "[") closers.push("]");
    else if (char === "(") closers.push(")");
    else if ((char === "]" || char === ")") && closers.pop() !== char) return `unexpected ${char} at character ${at + 1}`;
  }
  if (quote !== undefined) return `a ${quote} is not closed`;
  const missing = closers.at(-1);
  return missing === undefined ? undefined : `a ${missing === "]" ? "[" : "("} is not closed`;
}

/** The last step of a path when it names one key or index (`.name`, `['name']`, `[3]`), and the text before it. */
export function lastKeyStep(text: string): { parent: string; key: string } | undefined {
  const match = /(?<!\.)\.([^.[\]()'"*~^@?,:\s]+)$/.exec(text) ?? /\[\s*(\d+)\s*\]$/.exec(text) ?? /\[\s*(['"])((?:\\.|(?!\1)[^\\])*)\1\s*\]$/.exec(text);
  if (!match) return undefined;
  const parent = text.slice(0, match.index);
  // `$..name`: every `name` at any depth has no one parent to create it under.
  if (parent.endsWith(".")) return undefined;
  const raw = match.length === 3 ? (match[2] ?? "") : (match[1] ?? "");
  return { parent, key: raw.replaceAll(/\\(.)/g, "$1") };
}
