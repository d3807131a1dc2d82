/** A plain JSON object: what a content block, a source or a tool input must be before its fields are read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A field's value when it is a string, else undefined: blocks are read defensively, never trusted. */
export function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" ? value : undefined;
}

/** The `text` of a text block, undefined for any other block. */
export function blockText(block: { type: string }): string | undefined {
  const text = (block as Record<string, unknown>).text;
  return block.type === "text" && typeof text === "string" ? text : undefined;
}
