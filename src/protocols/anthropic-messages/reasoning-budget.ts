import type { HubReasoningConfig, HubReasoningEffort } from "../../core/hub/index.ts";

/** Thinking budgets for OpenAI-style efforts, for upstreams that only take a budget (Claude models). */
const budgetByEffort: Record<Exclude<HubReasoningEffort, "none">, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32000,
};

export interface BudgetBounds {
  min: number;
  max: number;
}

export function clampBudget(budget: number, bounds: BudgetBounds | undefined): number {
  if (!bounds) return budget;
  return Math.min(bounds.max, Math.max(bounds.min, budget));
}

/** An effort → a thinking budget; `none` (and no effort) is no thinking. */
export function budgetFromEffort(effort: HubReasoningEffort | undefined): number | undefined {
  return effort === undefined || effort === "none" ? undefined : budgetByEffort[effort];
}

/** A thinking budget → the OpenAI effort of the same order, for upstreams that only take an effort. */
export function effortFromBudget(budget: number): HubReasoningEffort {
  if (budget < 4096) return "low";
  return budget < 16384 ? "medium" : "high";
}

const usable = (budget: number | undefined): number | undefined => (budget !== undefined && budget > 0 ? budget : undefined);

/**
 * The thinking budget a hub request asks for: its own, else one derived from its effort. Disabled and adaptive
 * reasoning ask for none: adaptive means the model decides, which a fixed budget would contradict.
 */
export function requestedBudget(reasoning: HubReasoningConfig | undefined): number | undefined {
  if (!reasoning || reasoning.disabled || reasoning.adaptive) return undefined;
  return usable(reasoning.budgetTokens ?? budgetFromEffort(reasoning.effort));
}

/**
 * The effort a hub request asks for: its own, else one derived from its budget. An effort sent beside adaptive
 * thinking (Claude Code's `output_config.effort`) still counts: it is the client's explicit choice.
 */
export function requestedEffort(reasoning: HubReasoningConfig | undefined): HubReasoningEffort | undefined {
  if (!reasoning || reasoning.disabled) return undefined;
  if (reasoning.effort !== undefined) return reasoning.effort;
  if (reasoning.adaptive) return undefined;
  const budget = usable(reasoning.budgetTokens);
  return budget === undefined ? undefined : effortFromBudget(budget);
}
