import type { JSONPath as JSONPathFunction } from "jsonpath-plus";

// Loaded on first use: the library (with jsep and node:vm) costs ~9 MB of RSS, and only configs with a JSONPath
// transform need it. A cache of the module, like an import; no request state.
let library: typeof JSONPathFunction | undefined;
const JSONPath = (): typeof JSONPathFunction => (library ??= (require("jsonpath-plus") as { JSONPath: typeof JSONPathFunction }).JSONPath);
import { lastKeyStep, pathShapeProblem } from "./json-path-syntax.ts";
import type { RulePath, RuleProblems } from "./rule-problems.ts";

/** A JSONPath checked once, at config load. */
export interface CompiledPath {
  readonly text: string;
  /** When the last step names one key or index: the path of its parent and the key, so `set` can create it. */
  readonly leaf?: { readonly parent: string; readonly key: string };
}

/** One match: where it sits, so it can be removed or replaced. */
export interface PathMatch {
  parent: unknown;
  parentProperty: string | number | null;
}

/**
 * Filters (`[?(@.role == 'system')]`) are evaluated by jsonpath-plus's own interpreter over a jsep syntax tree
 * (`eval: "safe"`), never by eval or node:vm. At request time a filter that fails on one node (reading a field of
 * a missing one) just does not match it, instead of failing the request.
 */
const QUERY = { eval: "safe", ignoreEvalErrors: true, wrap: true } as const;

export const pathMatches = (path: string, json: object): PathMatch[] => (JSONPath()({ ...QUERY, path, json, resultType: "all" }) as PathMatch[] | undefined) ?? [];

export const pathValues = (path: string, json: object): unknown[] => (JSONPath()({ ...QUERY, path, json, resultType: "value" }) as unknown[] | undefined) ?? [];

/**
 * A filter or script step parsed and run once against an empty object: a syntax error or an unknown name is a
 * problem now; a TypeError (a field of a missing value) depends on the body and only means "no match".
 */
function scriptProblem(step: string): string | undefined {
  try {
    JSONPath()({ path: `$[${step}]`, json: [{}], eval: "safe", wrap: true });
    return undefined;
  } catch (error) {
    if ((error as Error).cause instanceof TypeError) return undefined;
    return `${step}: ${(error as Error).message}`;
  }
}

function stepsProblem(steps: readonly string[]): string | undefined {
  if (steps.includes("~")) return "~ selects property names, not values";
  for (const step of steps) {
    const problem = step.startsWith("?(") || step.startsWith("(") ? scriptProblem(step) : undefined;
    if (problem) return problem;
  }
  return undefined;
}

const sameSteps = (left: readonly string[], right: readonly string[]) => left.length === right.length && left.every((step, index) => step === right[index]);

/** The path checked (shape, filters) and its last key found; a problem is added and undefined returned otherwise. */
export function compileJsonPath(text: string, at: RulePath, problems: RuleProblems): CompiledPath | undefined {
  const shape = pathShapeProblem(text);
  const steps = shape === undefined ? JSONPath().toPathArray(text) : [];
  const problem = shape ?? stepsProblem(steps);
  if (problem !== undefined) {
    problems.add(at, `invalid JSONPath ${JSON.stringify(text)}: ${problem}`);
    return undefined;
  }
  const leaf = lastKeyStep(text);
  // Trust the cut only when jsonpath-plus reads the parent as the same steps and the key as the last one.
  const confirmed = leaf !== undefined && steps.at(-1) === leaf.key && sameSteps(JSONPath().toPathArray(leaf.parent), steps.slice(0, -1));
  return confirmed ? { text, leaf } : { text };
}
