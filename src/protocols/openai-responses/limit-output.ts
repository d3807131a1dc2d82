import type { ResponsesRequest } from "./schema.ts";

/** Lowers `max_output_tokens` to `max` in place when it asks for more; returns the value it replaced. */
export function limitResponsesOutput(request: Pick<ResponsesRequest, "max_output_tokens">, max: number): number | undefined {
  const current = request.max_output_tokens;
  if (typeof current !== "number" || current <= max) return undefined;
  request.max_output_tokens = max;
  return current;
}
