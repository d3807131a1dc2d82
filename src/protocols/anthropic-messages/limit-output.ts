import type { MessagesRequest } from "./schema.ts";

/** Lowers `max_tokens` to `max` in place (Claude Code asks for 32000, SDKs for the vendor's own maximum). */
export function limitMessagesOutput(request: MessagesRequest, max: number): number | undefined {
  if (request.max_tokens <= max) return undefined;
  const lowered = request.max_tokens;
  request.max_tokens = max;
  const thinking = request.thinking;
  // budget_tokens must stay below max_tokens, or the upstream refuses the request.
  if (thinking?.budget_tokens !== undefined && thinking.budget_tokens >= max) thinking.budget_tokens = Math.max(1024, max - 1);
  return lowered;
}
