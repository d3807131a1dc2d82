/** A plain JSON object: upstream bodies are read field by field, never trusted (ARCHITECTURE.md habit 4). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
