import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { type OptionSpec, optionSpecs } from "./options.ts";

function schemaFor(spec: OptionSpec): TSchema {
  switch (spec.kind) {
    case "integer":
      return Type.Integer({ minimum: spec.minimum, maximum: spec.maximum });
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

/** Model aliases come from the config file only: a map is awkward as a flag. */
const fileOnly = {
  modelAliases: Type.Optional(Type.Record(Type.String(), Type.String())),
};

type ScalarConfig = {
  -readonly [K in keyof typeof optionSpecs]: (typeof optionSpecs)[K] extends { default: unknown }
    ? ConfigValue<(typeof optionSpecs)[K]>
    : ConfigValue<(typeof optionSpecs)[K]> | undefined;
};
type ConfigValue<S> = S extends { kind: "integer" }
  ? number
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
  /** Where the config file was read from, when one was. */
  configFile?: string;
};
