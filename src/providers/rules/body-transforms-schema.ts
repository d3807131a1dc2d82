import { type Static, Type } from "@sinclair/typebox";

/**
 * One body transform, exactly one of three kinds:
 * - `{ regex, replace, flags? }`: a regular-expression replace on the text (text-leaves.ts says which strings);
 *   `replace` may use `$1`, `$<name>`, `$&`; flags from `dgimsuv` (`g` replaces every match, `u` for code points);
 * - `{ drop }`: remove what a JSONPath matches;
 * - `{ set, value }`: put `value` at a JSONPath, creating the last key when its parent exists.
 * One flat object rather than a union so a misspelt key is reported by name ("unknown key (known: …)"), not as
 * "does not match any allowed form"; compile-body-transforms.ts checks that exactly one kind is given.
 */
export const BodyTransformSchema = Type.Object(
  {
    regex: Type.Optional(Type.String({ minLength: 1 })),
    replace: Type.Optional(Type.String()),
    flags: Type.Optional(Type.String()),
    drop: Type.Optional(Type.String({ minLength: 1 })),
    set: Type.Optional(Type.String({ minLength: 1 })),
    value: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

/** The transforms of one direction (`transforms.request` or `transforms.response`), applied in order. */
export const BodyTransformsSchema = Type.Array(BodyTransformSchema);

export type BodyTransform = Static<typeof BodyTransformSchema>;
export type BodyTransforms = Static<typeof BodyTransformsSchema>;

/** The `transforms:` block as the config gives it (providers-schema.ts embeds BodyTransformsSchema twice). */
export interface TransformsBlock {
  request?: readonly BodyTransform[];
  response?: readonly BodyTransform[];
}
