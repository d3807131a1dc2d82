import type { OllamaOptions } from "./schema.ts";

/**
 * Lowers `options.num_predict` to `max` in place when it asks for more; returns the value it replaced. A missing
 * or non-positive `num_predict` (-1, -2: no limit) is left alone: the hub then sends no limit and the upstream
 * applies the model's own.
 */
export function limitOllamaOutput(body: { options?: OllamaOptions | null }, max: number): number | undefined {
  const requested = body.options?.num_predict;
  if (!body.options || typeof requested !== "number" || requested <= max) return undefined;
  body.options.num_predict = max;
  return requested;
}
