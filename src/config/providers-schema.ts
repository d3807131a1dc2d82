import { type Static, Type } from "@sinclair/typebox";
import { BodyTransformsSchema, HeaderRulesSchema } from "../providers/rules/index.ts";
import { optionSpecs } from "./options.ts";
import { PROVIDER_TYPE_NAMES } from "./provider-presets.ts";

const seconds = (spec: { minimum: number; maximum: number }) => Type.Number({ minimum: spec.minimum, maximum: spec.maximum });

/** Per provider or per model: the global --connect-timeout, --first-byte-timeout, --stream-idle-timeout overridden. */
export const TimeoutsSchema = Type.Object(
  {
    connect: Type.Optional(seconds(optionSpecs.connectTimeout)),
    firstByte: Type.Optional(seconds(optionSpecs.firstByteTimeout)),
    streamIdle: Type.Optional(seconds(optionSpecs.streamIdleTimeout)),
  },
  { additionalProperties: false },
);

/** `maxAttempts` counts the first try: the global --retries N is N + 1 attempts. */
export const RetrySchema = Type.Object(
  {
    maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: optionSpecs.retries.maximum + 1 })),
    maxTotalSeconds: Type.Optional(seconds(optionSpecs.retryTotalTime)),
  },
  { additionalProperties: false },
);

/** `request:` and `response:` lists of regex / JSONPath drop / JSONPath set transforms (providers/rules/). */
export const TransformsSchema = Type.Object(
  { request: Type.Optional(BodyTransformsSchema), response: Type.Optional(BodyTransformsSchema) },
  { additionalProperties: false },
);

/** What a provider and a model route may both set. */
const tuning = {
  headers: Type.Optional(HeaderRulesSchema),
  transforms: Type.Optional(TransformsSchema),
  timeouts: Type.Optional(TimeoutsSchema),
  retry: Type.Optional(RetrySchema),
};

export const ProviderEntrySchema = Type.Object(
  {
    /** openai | anthropic | ollama | copilot, or a preset name; defaults to the entry's name when that is a preset. */
    type: Type.Optional(Type.Union(PROVIDER_TYPE_NAMES.map((name) => Type.Literal(name)))),
    baseUrl: Type.Optional(Type.String({ minLength: 1 })),
    /** "" means "no key" (e.g. `${KEY:-}`), also for a preset. */
    apiKey: Type.Optional(Type.String()),
    /** Model ids to list when the provider has no model listing. */
    models: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    /** An openai provider that also speaks the Responses API. */
    responses: Type.Optional(Type.Boolean()),
    tlsVerify: Type.Optional(Type.Boolean()),
    /** Outbound proxy URL for this provider only. */
    proxy: Type.Optional(Type.String({ minLength: 1 })),
    anthropicVersion: Type.Optional(Type.String({ minLength: 1 })),
    ...tuning,
  },
  { additionalProperties: false },
);

export const ProvidersSchema = Type.Record(Type.String(), ProviderEntrySchema);

/** A model name or `*` pattern → the provider that serves it, and the upstream id when it differs (an alias). */
export const ModelRouteSchema = Type.Object(
  { provider: Type.String({ minLength: 1 }), model: Type.Optional(Type.String({ minLength: 1 })), ...tuning },
  { additionalProperties: false },
);

export const ModelRoutesSchema = Type.Record(Type.String(), ModelRouteSchema);

export type HeaderRules = Static<typeof HeaderRulesSchema>;
export type BodyTransforms = Static<typeof BodyTransformsSchema>;
export type Timeouts = Static<typeof TimeoutsSchema>;
export type Retry = Static<typeof RetrySchema>;
export type Transforms = Static<typeof TransformsSchema>;
export type ProviderEntry = Static<typeof ProviderEntrySchema>;
export type ModelRoute = Static<typeof ModelRouteSchema>;

/** Keys of entries whose own field names are spelled freely (`base_url`, `base-url`, `baseUrl`). */
export const NESTED_FIELD_KEYS = ["timeouts", "retry", "transforms"] as const;
