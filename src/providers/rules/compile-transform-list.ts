import type { BodyTransform } from "./body-transforms-schema.ts";
import { compileRegex } from "./compile-regex.ts";
import { dropAtPath } from "./drop-at-path.ts";
import { compileJsonPath } from "./path-query.ts";
import type { RulePath, RuleProblems } from "./rule-problems.ts";
import { setAtPath } from "./set-at-path.ts";
import { rewriteStringLeaves } from "./text-leaves.ts";

/** One compiled transform (or a run of regex ones) applied in place to a parsed body; true when it changed it. */
export type BodyStep = (body: object) => boolean;

type Rewrite = (text: string) => string;
type Compiled = { kind: "regex"; rewrite: Rewrite } | { kind: "path"; step: BodyStep };

const KINDS = ["regex", "drop", "set"] as const;
const KEYS_OF: Record<(typeof KINDS)[number], readonly string[]> = { regex: ["regex", "replace", "flags"], drop: ["drop"], set: ["set", "value"] };

/** Which kind the transform is, with every problem of its keys added; undefined when it is not exactly one kind. */
function kindOf(transform: BodyTransform, at: RulePath, problems: RuleProblems) {
  const kinds = KINDS.filter((kind) => transform[kind] !== undefined);
  const kind = kinds[0];
  if (kinds.length !== 1 || kind === undefined) {
    problems.add(at, kinds.length === 0 ? "needs one of regex, drop or set" : `has ${kinds.join(" and ")}: give each its own transform`);
    return undefined;
  }
  const stray = Object.keys(transform).filter((key) => !KEYS_OF[kind].includes(key));
  for (const key of stray) problems.add([...at, key], `is not read by a ${kind} transform`);
  if (kind === "regex" && transform.replace === undefined) problems.add([...at, "replace"], 'is required with regex (use "" to delete the match)');
  if (kind === "set" && !("value" in transform)) problems.add([...at, "value"], "is required with set");
  return stray.length === 0 ? kind : undefined;
}

function compileOne(transform: BodyTransform, at: RulePath, problems: RuleProblems): Compiled | undefined {
  const kind = kindOf(transform, at, problems);
  if (kind === undefined) return undefined;
  if (kind === "regex") {
    const rewrite = compileRegex(transform.regex ?? "", transform.replace ?? "", transform.flags ?? "", at, problems);
    return rewrite && { kind, rewrite };
  }
  const path = compileJsonPath((kind === "drop" ? transform.drop : transform.set) ?? "", [...at, kind], problems);
  if (!path) return undefined;
  if (kind === "drop") return { kind: "path", step: dropAtPath(path) };
  if (path.leaf?.key === "__proto__") {
    problems.add([...at, "set"], "cannot create __proto__");
    return undefined;
  }
  return { kind: "path", step: setAtPath(path, transform.value) };
}

/** Consecutive regex transforms share one walk over the strings: the same result, one pass instead of several. */
function walkFor(rewrites: readonly Rewrite[]): BodyStep {
  const [only] = rewrites;
  const rewrite = rewrites.length === 1 && only ? only : (text: string) => rewrites.reduce((current, next) => next(current), text);
  return (body) => rewriteStringLeaves(body, rewrite);
}

/**
 * One direction's transforms (at = where the list sits, for the messages), applied in order; undefined when the
 * list is empty, so the relay can skip the work. Problems are added, not thrown, so every one is reported.
 */
export function compileTransformList(list: readonly BodyTransform[], at: RulePath, problems: RuleProblems): BodyStep | undefined {
  const steps: BodyStep[] = [];
  let rewrites: Rewrite[] = [];
  const flush = () => {
    if (rewrites.length > 0) steps.push(walkFor(rewrites));
    rewrites = [];
  };
  for (const [index, transform] of list.entries()) {
    const compiled = compileOne(transform, [...at, index], problems);
    if (compiled?.kind === "regex") rewrites.push(compiled.rewrite);
    else if (compiled) {
      flush();
      steps.push(compiled.step);
    }
  }
  flush();
  if (steps.length === 0) return undefined;
  return (body) => steps.reduce<boolean>((changed, step) => step(body) || changed, false);
}
