import type { ChatCompletionRequest } from "./schema.ts";

/** Lowers `max_tokens` / `max_completion_tokens` to `max` in place; returns the larger limit it lowered. */
export function limitChatOutput(request: ChatCompletionRequest, max: number): number | undefined {
  let lowered: number | undefined;
  for (const field of ["max_tokens", "max_completion_tokens"] as const) {
    const value = request[field];
    if (typeof value === "number" && value > max) {
      lowered = Math.max(lowered ?? 0, value);
      request[field] = max;
    }
  }
  return lowered;
}
