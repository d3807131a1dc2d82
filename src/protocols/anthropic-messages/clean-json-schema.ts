/**
 * Makes a tool's `input_schema` acceptable as OpenAI function `parameters`. Claude Code's tool schemas come from
 * zod-to-json-schema and carry `"$schema": "http://json-schema.org/draft-07/schema#"` (PROTOCOL.md §8), which
 * OpenAI-style validators reject; `$id` and `$comment` are meta keywords with the same fate. The walk is
 * keyword-aware, so a *property* named `$schema` inside `properties` survives. A top-level object schema without
 * `properties` gets an empty one ("object schema missing properties" is a known OpenAI 400). Never mutates input.
 */
const droppedKeywords = new Set(["$schema", "$id", "$comment"]);

/** Keywords whose value is one subschema. */
const schemaKeywords = new Set([
  "items",
  "additionalItems",
  "additionalProperties",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
]);
/** Keywords whose value is an array of subschemas. */
const schemaListKeywords = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);
/** Keywords whose value maps names to subschemas. */
const schemaMapKeywords = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function cleanSubschema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanSubschema);
  return isObject(value) ? cleanNode(value) : value;
}

function cleanNode(schema: Record<string, unknown>): Record<string, unknown> {
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (droppedKeywords.has(key)) continue;
    if (schemaKeywords.has(key) || schemaListKeywords.has(key)) cleaned[key] = cleanSubschema(value);
    else if (schemaMapKeywords.has(key) && isObject(value)) {
      cleaned[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, cleanSubschema(sub)]));
    } else cleaned[key] = value;
  }
  return cleaned;
}

export function cleanJsonSchema(schema: unknown): Record<string, unknown> {
  if (!isObject(schema)) return { type: "object", properties: {} };
  const cleaned = cleanNode(schema);
  if (cleaned.type === undefined) cleaned.type = "object";
  if (cleaned.type === "object" && !isObject(cleaned.properties)) cleaned.properties = {};
  return cleaned;
}
