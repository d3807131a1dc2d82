import { RelayError } from "../core/relay-error.ts";
import type { CopilotModel } from "../providers/copilot/model.ts";
import type { ModelCard } from "../providers/provider.ts";
import { resolveModel } from "../services/model-resolver.ts";
import type { RelayDeps } from "./relay-deps.ts";

/** OpenAI's model object, plus the Copilot fields clients use to pick models (context window, capabilities). */
export function toOpenAIModel(model: CopilotModel) {
  const limits = model.capabilities?.limits;
  return {
    id: model.id,
    object: "model" as const,
    created: 0,
    owned_by: model.vendor ?? "github-copilot",
    display_name: model.name ?? model.id,
    type: model.capabilities?.type ?? "chat",
    version: model.version,
    preview: model.preview ?? false,
    context_window: limits?.max_context_window_tokens,
    max_prompt_tokens: limits?.max_prompt_tokens,
    max_output_tokens: limits?.max_output_tokens,
    supported_endpoints: model.supported_endpoints ?? [model.capabilities?.type === "embeddings" ? "/embeddings" : "/chat/completions"],
    capabilities: model.capabilities,
    billing: model.billing,
  };
}

/** Copilot's models, then every other provider's (issue 11): one list for clients' model pickers. */
export async function allModels(deps: RelayDeps): Promise<ModelCard[]> {
  await deps.readiness.wait(deps.config.readyTimeoutSeconds * 1000);
  const others = await deps.routing().listed();
  return others.length === 0 ? deps.models.list() : [...deps.models.list(), ...others];
}

export async function listModels(deps: RelayDeps) {
  return { object: "list" as const, data: (await allModels(deps)).map(toOpenAIModel), has_more: false };
}

export async function getModel(deps: RelayDeps, id: string) {
  await deps.readiness.wait(deps.config.readyTimeoutSeconds * 1000);
  const routed = deps.routing().known(id);
  if (routed && routed.provider !== deps.routing().copilot) return toOpenAIModel({ ...routed.model, id });
  const model = resolveModel(id, deps.models.list(), deps.config.modelAliases) ?? (await deps.models.find(id));
  if (!model) throw new RelayError("not_found", `The model '${id}' does not exist`, { code: "model_not_found", param: "model" });
  return toOpenAIModel(model);
}
