import type { HubReasoningConfig } from "../../core/hub/index.ts";
import { isRecord } from "./is-record.ts";
import type { CountTokensRequest } from "./schema.ts";

const efforts = new Set(["minimal", "low", "medium", "high"]);

/**
 * `thinking: {type: "enabled", budget_tokens}` → a budget; `{type: "adaptive"}` (Claude Code's default for model
 * ids it does not know, PROTOCOL.md §8) → adaptive; `disabled` → none. `output_config.effort`, which Claude Code
 * sends beside adaptive thinking, becomes the hub effort when it is one the hub knows.
 */
export function decodeReasoning(body: CountTokensRequest): HubReasoningConfig | undefined {
  const config: HubReasoningConfig = {};
  const thinking = body.thinking;
  if (thinking?.type === "enabled" && thinking.budget_tokens !== undefined) config.budgetTokens = thinking.budget_tokens;
  if (thinking?.type === "adaptive") config.adaptive = true;
  const outputConfig = (body as Record<string, unknown>).output_config;
  const effort = isRecord(outputConfig) ? outputConfig.effort : undefined;
  if (typeof effort === "string" && efforts.has(effort)) config.effort = effort as HubReasoningConfig["effort"];
  return Object.keys(config).length > 0 ? config : undefined;
}
