import type { RulePath, RuleProblems } from "./rule-problems.ts";

// `y` (sticky) is refused: String.replace with a sticky, non-global pattern reads and moves lastIndex, so one
// shared RegExp would behave differently from one call to the next.
const FLAGS = /^[dgimsuv]*$/;

/** One `{ regex, replace, flags }` transform as a string rewrite; the RegExp is built here, once. */
export function compileRegex(pattern: string, replacement: string, flags: string, at: RulePath, problems: RuleProblems): ((text: string) => string) | undefined {
  if (!FLAGS.test(flags)) {
    problems.add([...at, "flags"], `${JSON.stringify(flags)} has a flag other than d, g, i, m, s, u, v (y is refused: it makes a shared pattern stateful)`);
    return undefined;
  }
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (error) {
    problems.add([...at, "regex"], `invalid regular expression ${JSON.stringify(pattern)}${flags ? ` with flags ${flags}` : ""}: ${(error as Error).message}`);
    return undefined;
  }
  // A global pattern's lastIndex is reset by replace itself; a non-global one ignores it: safe to share.
  return (text) => text.replace(regex, replacement);
}
