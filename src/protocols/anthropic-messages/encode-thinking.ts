import type { HubRequest } from "../../core/hub/index.ts";
import type { WireOptions } from "../dialect.ts";
import { clampBudget, requestedBudget } from "./reasoning-budget.ts";

/** Anthropic's smallest thinking budget (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking). */
const minimumBudget = 1024;

/**
 * `thinking: {type: "enabled", budget_tokens}` from the hub's budget, or from its effort (reasoning-budget.ts),
 * within the model's bounds and Anthropic's rules: at least 1024 and below `maxTokens` when the client set a limit
 * (without one, the caller sizes `max_tokens` around the budget). Thinking cannot be combined with a forced tool
 * choice (a 400): the client's explicit tool choice wins and thinking is left out. Adaptive reasoning is left out
 * too: not every Claude model takes `{type: "adaptive"}`.
 */
export function encodeThinking(
  request: HubRequest,
  options: WireOptions,
  maxTokens: number | undefined,
): { type: "enabled"; budget_tokens: number } | undefined {
  const requested = requestedBudget(request.reasoning);
  if (requested === undefined) return undefined;
  if (request.toolChoice?.type === "required" || request.toolChoice?.type === "tool") return undefined;
  const bounded = Math.max(minimumBudget, clampBudget(requested, options.thinkingBudget));
  const budget = maxTokens === undefined ? bounded : Math.min(bounded, maxTokens - 1);
  return budget < minimumBudget ? undefined : { type: "enabled", budget_tokens: budget };
}

/**
 * Sampling fields Anthropic accepts: temperature within 0..1 (OpenAI's range is 0..2); with thinking on, only
 * temperature 1, top_p of at least 0.95 and no top_k, as the extended-thinking page requires.
 */
export function encodeSampling(request: HubRequest, thinking: boolean): Record<string, number> {
  const sampling: Record<string, number> = {};
  if (request.temperature !== undefined) {
    const temperature = Math.min(1, Math.max(0, request.temperature));
    if (!thinking || temperature === 1) sampling.temperature = temperature;
  }
  if (request.topP !== undefined && (!thinking || request.topP >= 0.95)) sampling.top_p = request.topP;
  if (request.topK !== undefined && !thinking) sampling.top_k = request.topK;
  return sampling;
}
