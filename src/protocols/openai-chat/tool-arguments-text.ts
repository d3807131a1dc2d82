import { isRecord } from "./is-record.ts";

/**
 * A hub tool input → Chat's `arguments` string. The hub's raw-string convention (JSON that did not parse) and
 * Anthropic's `{ _raw }` wrapper of it go out unchanged, so a malformed call is shown as the model wrote it.
 */
export function toolArgumentsText(input: unknown): string {
  if (typeof input === "string") return input;
  if (isRecord(input) && typeof input._raw === "string" && Object.keys(input).length === 1) return input._raw;
  return JSON.stringify(input ?? {});
}
