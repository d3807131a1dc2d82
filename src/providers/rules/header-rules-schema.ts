import { type Static, Type } from "@sinclair/typebox";

/** Which of the client's headers reach the provider at all; credentials and hop-by-hop headers never do. */
export const HeaderModeSchema = Type.Union([Type.Literal("passthrough"), Type.Literal("allowlist"), Type.Literal("denylist")]);

/** Header names; an entry ending in `*` matches every name with that prefix (`x-stainless-*`). */
const HeaderNamesSchema = Type.Array(Type.String({ minLength: 1 }));
const HeaderValuesSchema = Type.Record(Type.String(), Type.String());

/**
 * A provider's (or a model route's) `headers:` block. The client's headers are chosen by `mode` and `list`, then
 * `set` overrides, `add` fills in where the name is still absent, and `drop` removes last. Names are case-insensitive.
 */
export const HeaderRulesSchema = Type.Object(
  {
    /** Default `allowlist`: with no `list`, no client header is forwarded (what a provider without rules gets). */
    mode: Type.Optional(HeaderModeSchema),
    /** The names forwarded (allowlist) or held back (denylist); not read in passthrough mode. */
    list: Type.Optional(HeaderNamesSchema),
    set: Type.Optional(HeaderValuesSchema),
    add: Type.Optional(HeaderValuesSchema),
    drop: Type.Optional(HeaderNamesSchema),
  },
  { additionalProperties: false },
);

export type HeaderMode = Static<typeof HeaderModeSchema>;
export type HeaderRules = Static<typeof HeaderRulesSchema>;
