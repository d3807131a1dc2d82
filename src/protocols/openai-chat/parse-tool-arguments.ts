/**
 * A tool call's `arguments` string → the hub's input. Empty arguments (tools without parameters) are `{}`.
 * Malformed JSON never throws: the raw string is kept as the input, which is the hub's documented convention
 * (HubToolCallPart.input); each client dialect decides how to show it (Anthropic: `{ _raw: "…" }`).
 */
export function parseToolArguments(argumentsText: unknown): unknown {
  if (typeof argumentsText !== "string" || argumentsText.trim() === "") return {};
  try {
    return JSON.parse(argumentsText) as unknown;
  } catch {
    return argumentsText;
  }
}
