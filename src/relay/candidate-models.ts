import type { CopilotModel } from "../providers/copilot/model.ts";
import { resolveModel } from "../services/model-resolver.ts";
import type { RelayDeps } from "./relay-deps.ts";

/**
 * The model first, then its configured fallbacks (`fallbacks: {model: [alternatives]}` in the config file), each
 * resolved like a client's id; alternatives the catalogue does not know are skipped, and no model comes twice.
 */
export function candidateModels(deps: Pick<RelayDeps, "config" | "models">, primary: CopilotModel): CopilotModel[] {
  const fallbacks = deps.config.fallbacks;
  if (!fallbacks) return [primary];
  const models = deps.models.list();
  const aliases = deps.config.modelAliases;
  const key = Object.keys(fallbacks).find((name) => resolveModel(name, models, aliases)?.id === primary.id);
  const alternatives = key === undefined ? [] : (fallbacks[key] ?? []).flatMap((name) => resolveModel(name, models, aliases) ?? []);
  return [primary, ...alternatives].filter((model, index, all) => all.findIndex((other) => other.id === model.id) === index);
}
