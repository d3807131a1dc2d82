import { isRecord } from "./is-record.ts";

/**
 * A hub tool-call input → the `arguments` string Responses carries. A raw string (JSON that did not parse, the
 * hub's convention) and Anthropic's `{ _raw }` wrapper of it go back unchanged, so nothing is lost or re-encoded.
 */
export function toolArgumentsText(input: unknown): string {
  if (typeof input === "string") return input;
  if (isRecord(input) && typeof input._raw === "string" && Object.keys(input).length === 1) return input._raw;
  return JSON.stringify(input ?? {});
}
