import { Kind, type TSchema } from "@sinclair/typebox";
import { Errors, type ValueError, ValueErrorType } from "@sinclair/typebox/errors";
import { problemAt } from "./config-error.ts";
import { isSecretName } from "./secret-names.ts";

/** `/providers/glm~1x/models/0` → ["providers", "glm/x", "models", 0], numbers only where the value is a list. */
function segmentsOf(root: unknown, pointer: string): (string | number)[] {
  const segments: (string | number)[] = [];
  let value = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const index = Array.isArray(value) && /^\d+$/.test(key) ? Number(key) : undefined;
    segments.push(index ?? key);
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return segments;
}

const range = (schema: TSchema, what: string): string => {
  const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
  return minimum !== undefined && maximum !== undefined ? `${what} from ${minimum} to ${maximum}` : minimum !== undefined ? `${what} of at least ${minimum}` : what;
};

function describe(error: ValueError): string {
  const schema = error.schema as TSchema & { anyOf?: TSchema[]; properties?: Record<string, unknown> };
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties:
      return `unknown key (known: ${Object.keys(schema.properties ?? {}).join(", ")})`;
    case ValueErrorType.ObjectRequiredProperty:
      return "is required";
    case ValueErrorType.Object:
      return "expected a mapping of keys to values";
    case ValueErrorType.Array:
      return "expected a list";
    case ValueErrorType.String:
      return "expected a string";
    case ValueErrorType.StringMinLength:
      return "must not be empty";
    case ValueErrorType.Boolean:
      return "expected true or false";
    case ValueErrorType.Integer:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
      return range(schema, "expected an integer");
    case ValueErrorType.Number:
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
      return range(schema, "expected a number");
    case ValueErrorType.Union: {
      const literals = (schema.anyOf ?? []).filter((member) => member[Kind] === "Literal").map((member) => String(member.const));
      if (literals.length > 0 && literals.length === schema.anyOf?.length) return `expected one of ${literals.join(", ")}`;
      return "does not match any allowed form";
    }
    default:
      return error.message.replace(/^Expected/, "expected");
  }
}

/** Shown after the problem so the reader finds the line; never for a value under a secret-like key. */
function shown(error: ValueError, segments: readonly (string | number)[]): string {
  const last = segments.at(-1);
  const scalar = typeof error.value === "string" || typeof error.value === "number" || typeof error.value === "boolean";
  if (!scalar || error.type === ValueErrorType.ObjectAdditionalProperties || (typeof last === "string" && isSecretName(last))) return "";
  return ` (got ${JSON.stringify(error.value)})`;
}

/** Every place where a value breaks the schema, one sentence each (the first error of a place only). */
export function schemaProblems(schema: TSchema, value: unknown, prefix: readonly (string | number)[] = []): string[] {
  const problems = new Map<string, string>();
  for (const error of Errors(schema, value)) {
    if (problems.has(error.path)) continue;
    const segments = segmentsOf(value, error.path);
    problems.set(error.path, problemAt([...prefix, ...segments], `${describe(error)}${shown(error, segments)}`));
  }
  return [...problems.values()];
}
