/** What usage is read from: the decoded text, or (on the relay's hot path) the raw bytes of an answer's end. */
export type UsageText = string | Uint8Array;

const isDigit = (code: number) => code >= 48 && code <= 57;
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;
/** A usage object's counters fit in this many characters after its `"usage"` key. */
const USAGE_SPAN = 640;
const decoder = new TextDecoder();

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
 * The `span` characters of `text` from the last (or first) occurrence of `key`, or undefined. Bytes are searched
 * with Buffer's native search (a string's lastIndexOf is ~9× slower on a 4 KB tail) and only the window is decoded;
 * a window cut inside a character gets a replacement character there, which no ASCII key can match.
 */
export function windowAt(text: UsageText, key: string, from: "end" | "start", span = USAGE_SPAN): string | undefined {
  if (typeof text === "string") {
    const at = from === "end" ? text.lastIndexOf(key) : text.indexOf(key);
    return at === -1 ? undefined : text.slice(at, at + span);
  }
  const bytes = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const at = from === "end" ? bytes.lastIndexOf(key) : bytes.indexOf(key);
  return at === -1 ? undefined : decoder.decode(text.subarray(at, at + span));
}

/**
 * Reads counters from the last (or, with `from: "start"`, the first) `"usage"` object of a relayed answer: one
 * native search for the key from that end, then short searches inside the object.
 */
export function usageFields<Field extends string>(text: UsageText, fields: readonly Field[], from: "end" | "start" = "end"): Partial<Record<Field, number>> | undefined {
  const window = windowAt(text, '"usage"', from);
  if (window === undefined) return undefined;
  const found: Partial<Record<Field, number>> = {};
  for (const field of fields) {
    const value = numberField(window, field);
    if (value !== undefined) found[field] = value;
  }
  return found;
}
