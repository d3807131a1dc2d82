import { isRecord } from "./is-record.ts";

/**
 * Ollama tool-call arguments are always a JSON object. The hub carries a string when the upstream's JSON did not
 * parse (HubToolCallPart), and streams carry the argument text in pieces: both are parsed here. What is not an
 * object after that becomes `{}`, since Ollama clients index into the arguments and have no place for raw text.
 */
export function toolArgumentsObject(input: unknown): Record<string, unknown> {
  if (isRecord(input)) return input;
  if (typeof input !== "string" || input.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(input);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
