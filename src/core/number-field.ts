const isDigit = (code: number) => code >= 48 && code <= 57;
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;
/** A usage object's counters fit in this many characters after its `"usage"` key. */
const USAGE_SPAN = 640;

/**
 * The whole number after the first `"field":` in `text` between `start` and `end`, read without parsing the JSON;
 * undefined when absent or not followed by a number.
 */
export function numberField(text: string, field: string, start = 0, end = text.length): number | undefined {
  const key = `"${field}"`;
  for (let at = text.indexOf(key, start); at !== -1 && at < end; at = text.indexOf(key, at + key.length)) {
    let index = at + key.length;
    while (isSpace(text.charCodeAt(index))) index++;
    if (text.charCodeAt(index) !== 58 /* : */) continue;
    index++;
    while (isSpace(text.charCodeAt(index))) index++;
    const first = index;
    while (isDigit(text.charCodeAt(index))) index++;
    if (index > first) return Number(text.slice(first, index));
  }
  return undefined;
}

/**
 * Reads counters from the last (or, with `from: "start"`, the first) `"usage"` object of a relayed answer's text:
 * one native search for the key from that end, then short searches inside the object, so fields that are absent
 * cost nothing like a scan of the whole text.
 */
export function usageFields<Field extends string>(text: string, fields: readonly Field[], from: "end" | "start" = "end"): Partial<Record<Field, number>> | undefined {
  const at = from === "end" ? text.lastIndexOf('"usage"') : text.indexOf('"usage"');
  if (at === -1) return undefined;
  const found: Partial<Record<Field, number>> = {};
  for (const field of fields) {
    const value = numberField(text, field, at, at + USAGE_SPAN);
    if (value !== undefined) found[field] = value;
  }
  return found;
}
