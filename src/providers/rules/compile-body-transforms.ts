import type { TransformsBlock } from "./body-transforms-schema.ts";
import { type BodyStep, compileTransformList } from "./compile-transform-list.ts";
import { eventRewrite } from "./event-rewrite.ts";
import { type RulePath, ruleProblems } from "./rule-problems.ts";

/** A `transforms:` block, compiled once: regexes built and paths checked at config load, never per request. */
export interface CompiledBodyTransforms {
  /** False when no request transform is configured: the relay need not call `request`. */
  readonly hasRequest: boolean;
  /** False when no response transform is configured: the relay leaves answers and streams untouched. */
  readonly hasResponse: boolean;
  /** The request transforms, in order, in place on the parsed body; true when the body changed. */
  request(body: Record<string, unknown>): boolean;
  /** The response transforms on a whole (non-streamed) JSON answer, in place; true when it changed. */
  response(body: unknown): boolean;
  /** The response transforms for one stream: each event's JSON text in, the transformed JSON text out. */
  createEventTransform(): (json: string) => string;
}

const unchanged: BodyStep = () => false;
const inPlace = (step: BodyStep) => (body: unknown) => typeof body === "object" && body !== null && step(body);

/** Compiles `transforms: { request, response }` (at = where it sits); throws one ConfigError naming every problem. */
export function compileBodyTransforms(transforms: TransformsBlock | undefined, at: RulePath = ["transforms"]): CompiledBodyTransforms {
  const problems = ruleProblems();
  const request = compileTransformList(transforms?.request ?? [], [...at, "request"], problems);
  const response = compileTransformList(transforms?.response ?? [], [...at, "response"], problems);
  problems.throwIfAny();
  const responseStep = response ?? unchanged;
  return {
    hasRequest: request !== undefined,
    hasResponse: response !== undefined,
    request: inPlace(request ?? unchanged),
    response: inPlace(responseStep),
    createEventTransform: () => eventRewrite(responseStep),
  };
}
