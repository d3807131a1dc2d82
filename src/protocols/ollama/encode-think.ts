import type { HubReasoningConfig, HubReasoningEffort } from "../../core/hub/index.ts";
import { requestedBudget, requestedEffort } from "../anthropic-messages/reasoning-budget.ts";
import type { WireOptions } from "../dialect.ts";

export type OllamaThinkOut = boolean | "low" | "medium" | "high";

/** "max" is left out: Ollama versions before it reject the request ("invalid think value"), so xhigh asks "high". */
const levelByEffort: Record<Exclude<HubReasoningEffort, "none">, Exclude<OllamaThinkOut, boolean>> = {
  minimal: "low",
  low: "low",
  medium: "medium",
  high: "high",
  xhigh: "high",
};

/**
 * The hub's reasoning request → `/api/chat`'s `think`. Off (`disabled`, effort "none") is `false`, which every
 * model accepts. Ollama answers 400 "does not support thinking" when a model without thinking gets `think` on,
 * so on is only sent when the wire options say the model thinks: a level when it takes an effort
 * (`reasoningEffort`; a budget becomes the level of its size), `true` when it takes a budget. Adaptive reasoning
 * (the model decides) sends nothing: Ollama's default already has thinking models think.
 */
export function encodeThink(reasoning: HubReasoningConfig | undefined, options: WireOptions): OllamaThinkOut | undefined {
  if (!reasoning) return undefined;
  if (reasoning.disabled || reasoning.effort === "none") return false;
  if (options.reasoningEffort) {
    const effort = requestedEffort(reasoning);
    return effort === undefined || effort === "none" ? undefined : levelByEffort[effort];
  }
  if (options.thinkingBudget) return requestedBudget(reasoning) === undefined ? undefined : true;
  return undefined;
}
