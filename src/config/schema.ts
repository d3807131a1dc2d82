import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { type OptionSpec, optionSpecs } from "./options.ts";
import { ModelRoutesSchema, ProvidersSchema } from "./providers-schema.ts";

function schemaFor(spec: OptionSpec): TSchema {
  switch (spec.kind) {
    case "integer":
      return Type.Integer({ minimum: spec.minimum, maximum: spec.maximum });
    case "number":
      return Type.Number({ minimum: spec.minimum, maximum: spec.maximum });
    case "list":
      return Type.Array(Type.String({ minLength: 1 }));
    case "boolean":
      return Type.Boolean();
    case "enum":
      return Type.Union((spec.values ?? []).map((value) => Type.Literal(value)));
    default:
      return Type.String({ minLength: 1 });
  }
}

const properties = Object.fromEntries(
  Object.entries(optionSpecs).map(([key, spec]) => {
    const schema = schemaFor(spec);
    return [key, "default" in spec ? schema : Type.Optional(schema)];
  }),
);

/** Maps come from the config file only: awkward as flags. */
const fileOnly = {
  modelAliases: Type.Optional(Type.Record(Type.String(), Type.String())),
  /** Models to try, in order, while a model cools down or after its retries ran out. */
  fallbacks: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String({ minLength: 1 })))),
  /** Upstreams besides the built-in `copilot` (providers-schema.ts). */
  providers: Type.Optional(ProvidersSchema),
  /** Model name or `*` pattern → provider (and upstream id), first match wins. */
  models: Type.Optional(ModelRoutesSchema),
};

/** The config-file keys that are not options. */
export const FILE_ONLY_KEYS = Object.keys(fileOnly);

type ScalarConfig = {
  -readonly [K in keyof typeof optionSpecs]: (typeof optionSpecs)[K] extends { default: unknown }
    ? ConfigValue<(typeof optionSpecs)[K]>
    : ConfigValue<(typeof optionSpecs)[K]> | undefined;
};
type ConfigValue<S> = S extends { kind: "integer" | "number" }
  ? number
  : S extends { kind: "list" }
    ? string[]
  : S extends { kind: "boolean" }
    ? boolean
    : S extends { kind: "enum"; values: readonly (infer V)[] }
      ? V
      : string;

export const ConfigSchema = Type.Object({ ...properties, ...fileOnly }, { additionalProperties: false });

export type Config = ScalarConfig & {
  /** Always set after loading: defaults to the XDG data directory. */
  home: string;
  modelAliases?: Static<typeof fileOnly.modelAliases>;
  fallbacks?: Static<typeof fileOnly.fallbacks>;
  providers?: Static<typeof ProvidersSchema>;
  models?: Static<typeof ModelRoutesSchema>;
  /** Where the config file was read from, when one was. */
  configFile?: string;
};
