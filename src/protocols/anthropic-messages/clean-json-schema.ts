/**
 * Makes a tool's `input_schema` acceptable as OpenAI function `parameters`. Claude Code's tool schemas come from
 * zod-to-json-schema and carry `"$schema": "http://json-schema.org/draft-07/schema#"` (PROTOCOL.md §8), which
 * OpenAI-style validators reject; `$id` and `$comment` are meta keywords with the same fate. The walk is
 * keyword-aware, so a *property* named `$schema` inside `properties` survives. A top-level object schema without
 * `properties` gets an empty one ("object schema missing properties" is a known OpenAI 400). Never mutates input,
 * and copies only what changes: a subschema with nothing to drop is the input's own object (a coding agent's two
 * dozen tool schemas are walked on every request; rebuilding each node cost ~3 % of a translated request).
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
  if (Array.isArray(value)) return cleanList(value);
  return isObject(value) ? cleanNode(value) : value;
}

function cleanList(list: unknown[]): unknown[] {
  let cleaned: unknown[] | undefined;
  for (let index = 0; index < list.length; index++) {
    const next = cleanSubschema(list[index]);
    if (next !== list[index]) cleaned ??= list.slice(0, index);
    cleaned?.push(next);
  }
  return cleaned ?? list;
}

/** The keys of `object` before `stop`, copied into a new object. */
function copyUpTo(object: Record<string, unknown>, stop: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in object) {
    if (key === stop) break;
    copy[key] = object[key];
  }
  return copy;
}

function cleanMap(map: Record<string, unknown>): Record<string, unknown> {
  let cleaned: Record<string, unknown> | undefined;
  for (const name in map) {
    const next = cleanSubschema(map[name]);
    if (next !== map[name]) cleaned ??= copyUpTo(map, name);
    if (cleaned) cleaned[name] = next;
  }
  return cleaned ?? map;
}

const DROP = Symbol("drop");

function cleanNode(schema: Record<string, unknown>): Record<string, unknown> {
  let cleaned: Record<string, unknown> | undefined;
  // Objects from JSON.parse have no inherited enumerable keys: for…in walks their own, without an entries array.
  for (const key in schema) {
    const value = schema[key];
    let next: unknown = value;
    if (droppedKeywords.has(key)) next = DROP;
    else if (schemaKeywords.has(key) || schemaListKeywords.has(key)) next = cleanSubschema(value);
    else if (schemaMapKeywords.has(key) && isObject(value)) next = cleanMap(value);
    if (next !== value) cleaned ??= copyUpTo(schema, key);
    if (cleaned && next !== DROP) cleaned[key] = next;
  }
  return cleaned ?? schema;
}

export function cleanJsonSchema(schema: unknown): Record<string, unknown> {
  if (!isObject(schema)) return { type: "object", properties: {} };
  // The top level is always a copy: it may get a type and properties here.
  const cleaned = cleanNode(schema);
  const top = cleaned === schema ? { ...schema } : cleaned;
  if (top.type === undefined) top.type = "object";
  if (top.type === "object" && !isObject(top.properties)) top.properties = {};
  return top;
}
