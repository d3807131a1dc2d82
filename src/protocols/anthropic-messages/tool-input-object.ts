import { isRecord } from "./is-record.ts";

/**
 * Anthropic's `tool_use.input` must be an object. The hub carries the raw argument string when the upstream's
 * JSON did not parse (see HubToolCallPart). Choice: keep it as `{ _raw: "<string>" }` rather than `{}`: nothing is
 * lost, the client's schema validation fails loudly (an unexpected `_raw`, missing required fields) so the model
 * sees its mistake and retries, and the Chat encoder can send the same raw string back upstream unchanged.
 * Empty arguments (tools without parameters stream `""`) are `{}`; a parsed non-object is wrapped the same way.
 */
export function toolInputObject(input: unknown): Record<string, unknown> {
  if (isRecord(input)) return input;
  if (input === undefined || input === null) return {};
  if (typeof input === "string") {
    if (input.trim() === "") return {};
    try {
      const parsed: unknown = JSON.parse(input);
      if (isRecord(parsed)) return parsed;
    } catch {
      // Not JSON: kept raw below.
    }
    return { _raw: input };
  }
  return { _raw: JSON.stringify(input) };
}
