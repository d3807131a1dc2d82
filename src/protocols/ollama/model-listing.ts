import {
  modelArchitecture,
  modelCapabilities,
  modelDetails,
  modelDigest,
  type OllamaModelDetails,
  type OllamaModelSource,
  placeholderModifiedAt,
  placeholderSize,
} from "./model-details.ts";
import { ollamaModelName } from "./strip-ollama-tag.ts";

/**
 * The version `/api/version` reports: the newest Ollama release at the time of writing, since clients compare it
 * against a minimum (VS Code's Ollama provider wants 0.6.4; other tools want newer) and refuse older servers.
 */
export const ollamaReportedVersion = "0.32.15";

/** Used as the context window when the catalogue gives none: clients compute their budgets from it. */
export const fallbackContextWindow = 128_000;

/** "Loaded" models never expire: a hosted model has no keep_alive to run out. */
const neverExpires = "2099-01-01T00:00:00Z";

export interface OllamaTag {
  name: string;
  model: string;
  modified_at: string;
  size: number;
  digest: string;
  details: OllamaModelDetails;
  capabilities: string[];
}

/**
 * One `/api/tags` entry. `name` and `model` are both the tagged name (`gpt-4.1:latest`) because that is what
 * Ollama itself lists: Open WebUI and JetBrains AI Assistant send the listed name back verbatim, and tools that
 * check "is this model installed" compare against tagged names; stripOllamaTag maps it back to the id.
 */
export function ollamaTag(model: OllamaModelSource): OllamaTag {
  const name = ollamaModelName(model.id);
  return {
    name,
    model: name,
    modified_at: placeholderModifiedAt,
    size: placeholderSize,
    digest: modelDigest(model.id),
    details: modelDetails(model),
    capabilities: modelCapabilities(model),
  };
}

export function ollamaTags(models: readonly OllamaModelSource[]): { models: OllamaTag[] } {
  return { models: models.map(ollamaTag) };
}

/** A template for display only; it names `.Tools` for tool models, which older clients looked for to detect tool support. */
function template(model: OllamaModelSource): string {
  const tools = model.tools ? "{{ if .Tools }}{{ .Tools }}\n{{ end }}" : "";
  return `{{ if .System }}{{ .System }}\n{{ end }}${tools}{{ .Prompt }}`;
}

/**
 * `POST /api/show`. Clients read the context window from `model_info["<architecture>.context_length"]`, the
 * display name from `general.basename`, and what the model can do from `capabilities`; `parameters` repeats the
 * context window as `num_ctx`, where some clients look for it.
 */
export function ollamaShow(model: OllamaModelSource) {
  const name = ollamaModelName(model.id);
  const architecture = modelArchitecture(model);
  const contextWindow = model.contextWindow || fallbackContextWindow;
  return {
    modelfile: `# Served by copilot-relay: a hosted model, no local weights.\nFROM ${name}\nPARAMETER num_ctx ${contextWindow}\n`,
    parameters: `num_ctx ${contextWindow}`,
    template: model.embedding ? "" : template(model),
    details: modelDetails(model),
    model_info: {
      "general.architecture": architecture,
      "general.basename": model.name || model.id,
      [`${architecture}.context_length`]: contextWindow,
    },
    capabilities: modelCapabilities(model),
    modified_at: placeholderModifiedAt,
  };
}

/** `GET /api/ps`: every served model counts as loaded, entirely "in VRAM", with no expiry. */
export function ollamaPs(models: readonly OllamaModelSource[]) {
  return {
    models: models.map((model) => {
      const { name, model: tagged, size, digest, details } = ollamaTag(model);
      return {
        name,
        model: tagged,
        size,
        digest,
        details,
        expires_at: neverExpires,
        size_vram: size,
        context_length: model.contextWindow || fallbackContextWindow,
      };
    }),
  };
}

export function ollamaVersion(): { version: string } {
  return { version: ollamaReportedVersion };
}
