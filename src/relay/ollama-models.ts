import { type OllamaModelSource, ollamaPs, ollamaShow, ollamaTag } from "../protocols/ollama/index.ts";
import type { CopilotModel } from "../providers/copilot/model.ts";
import { resolveModel } from "../services/model-resolver.ts";
import { findModel } from "./find-model.ts";
import { allModels } from "./openai-models.ts";
import type { RelayDeps } from "./relay-deps.ts";

/** Ollama's "loaded models" are the ones used within its default keep-alive (5 minutes). */
const KEEP_ALIVE_MS = 5 * 60_000;

/** A Copilot model as the neutral description the Ollama listing answers are built from. */
export function ollamaSource(model: CopilotModel): OllamaModelSource {
  const capabilities = model.capabilities;
  const supports = capabilities?.supports ?? {};
  return {
    id: model.id,
    name: model.name,
    vendor: model.vendor,
    family: capabilities?.family,
    contextWindow: capabilities?.limits?.max_context_window_tokens,
    maxOutputTokens: capabilities?.limits?.max_output_tokens,
    tools: supports.tool_calls === true,
    vision: supports.vision === true,
    thinking: supports.thinking === true || supports.adaptive_thinking === true || supports.reasoning_effort !== undefined,
    embedding: capabilities?.type === "embeddings",
  };
}

export async function ollamaTags(deps: RelayDeps) {
  return { models: (await allModels(deps)).map((model) => ollamaTag(ollamaSource(model))) };
}

export async function ollamaShowModel(deps: RelayDeps, name: string) {
  const routing = deps.routing();
  const target = routing.known(name);
  if (target && target.provider !== routing.copilot) return ollamaShow(ollamaSource({ ...target.model, id: name }));
  return ollamaShow(ollamaSource(await findModel(deps, name)));
}

export async function ollamaRunning(deps: RelayDeps) {
  await deps.readiness.wait(deps.config.readyTimeoutSeconds * 1000);
  const models = deps.models.list();
  const recent = deps.recorder
    .recentModels(Date.now() - KEEP_ALIVE_MS)
    .flatMap((id) => resolveModel(id, models) ?? [])
    .map(ollamaSource);
  return ollamaPs(recent);
}
