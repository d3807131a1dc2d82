export { type BodyTransform, BodyTransformSchema, type BodyTransforms, BodyTransformsSchema, type TransformsBlock } from "./body-transforms-schema.ts";
export { type CompiledBodyTransforms, compileBodyTransforms } from "./compile-body-transforms.ts";
export { type CompiledHeaderRules, compileHeaderRules, DEFAULT_HEADER_MODE } from "./compile-header-rules.ts";
export { type HeaderMode, HeaderModeSchema, type HeaderRules, HeaderRulesSchema } from "./header-rules-schema.ts";
export type { RulePath } from "./rule-problems.ts";
export { CONNECTION_HEADERS, CREDENTIAL_HEADERS, isAlwaysStripped, RELAY_HEADERS } from "./stripped-headers.ts";
export { UNTOUCHED_KEYS } from "./text-leaves.ts";
