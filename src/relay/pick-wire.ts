import type { Dialect, DialectId } from "../protocols/dialect.ts";

/** When a model does not speak the client's dialect, the wire to translate to, in order of preference. */
const TRANSLATION_PREFERENCE: DialectId[] = ["openai-chat", "anthropic-messages", "openai-responses"];

/**
 * The upstream wire for a request: the client's own dialect when the model speaks it (pass-through, bytes
 * untouched), else the first wire the model speaks that the hub can encode to.
 */
export function pickWire(client: DialectId, modelWires: readonly DialectId[], registry: Record<DialectId, Dialect>): DialectId | undefined {
  if (modelWires.includes(client)) return client;
  const translatable = modelWires.filter((wire) => registry[wire]?.wire !== undefined);
  return TRANSLATION_PREFERENCE.find((wire) => translatable.includes(wire)) ?? translatable[0];
}
