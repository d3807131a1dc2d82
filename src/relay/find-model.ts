import { RelayError } from "../core/relay-error.ts";
import type { CopilotModel } from "../providers/copilot/model.ts";
import { closestModelIds, normaliseModelId, resolveModel } from "../services/model-resolver.ts";
import type { RelayDeps } from "./relay-deps.ts";

/**
 * The model when the relay is ready and the catalogue knows the id, without waiting: the hot path resolves here, so
 * a request's parsed body is not held across an await (which costs the garbage collector ~10 µs per 55 KB body).
 */
export function knownModel(deps: RelayDeps, requested: string): CopilotModel | undefined {
  return deps.readiness.ready() ? resolveModel(requested, deps.models.list(), deps.config.modelAliases) : undefined;
}

/**
 * Resolves the client's model id against the catalogue, refreshing it once for an id it does not know. An unknown
 * model is a 404 `model_not_found` that lists the closest available ids.
 */
export async function findModel(deps: RelayDeps, requested: string, filter?: (model: CopilotModel) => boolean): Promise<CopilotModel> {
  if (!deps.readiness.ready()) await deps.readiness.wait(deps.config.readyTimeoutSeconds * 1000);
  const aliases = deps.config.modelAliases;
  let model = resolveModel(requested, deps.models.list(), aliases);
  if (!model && (await deps.models.find(requested))) model = resolveModel(requested, deps.models.list(), aliases);
  if (model) return model;
  const candidates = deps.models
    .list()
    .filter(filter ?? (() => true))
    .map((entry) => entry.id);
  // "claude-opus-4-7" should suggest Claude models, not whatever id happens to be a few edits away.
  const vendor = normaliseModelId(requested).split(/[-.:]/)[0] ?? "";
  const sameVendor = candidates.filter((id) => id.startsWith(`${vendor}-`));
  const closest = closestModelIds(requested, sameVendor.length > 0 ? sameVendor : candidates);
  throw new RelayError(
    "not_found",
    `The model '${requested}' does not exist or is not enabled for this Copilot account.${closest.length ? ` Closest available: ${closest.join(", ")}.` : ""}`,
    { code: "model_not_found", param: "model" },
  );
}
