import { isRecord } from "../../core/is-record.ts";

export { isRecord, stringField } from "../../core/is-record.ts";

/** The `text` of a text block, undefined for any other block. */
export function blockText(block: { type: string }): string | undefined {
  const text = (block as Record<string, unknown>).text;
  return block.type === "text" && typeof text === "string" ? text : undefined;
}
