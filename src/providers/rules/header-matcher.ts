/** Header names, lower-cased; an entry ending in `*` is a prefix (`proxy-*`, `x-stainless-*`). */
export type HeaderMatcher = (name: string) => boolean;

/** A matcher over lower-case names: one Set lookup, then the (few) prefixes. */
export function headerMatcher(entries: readonly string[]): HeaderMatcher {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const entry of entries) {
    const name = entry.toLowerCase();
    if (name.endsWith("*")) prefixes.push(name.slice(0, -1));
    else exact.add(name);
  }
  return (name) => exact.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
}
