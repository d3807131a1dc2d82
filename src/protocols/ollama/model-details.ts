import { createHash } from "node:crypto";

/** A model as the relay knows it, in neutral terms; the Ollama listing answers are built from this. */
export interface OllamaModelSource {
  id: string;
  /** Display name ("GPT-4.1"). */
  name?: string;
  vendor?: string;
  family?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  tools?: boolean;
  vision?: boolean;
  thinking?: boolean;
  embedding?: boolean;
}

export interface OllamaModelDetails {
  parent_model: string;
  format: string;
  family: string;
  families: string[];
  parameter_size: string;
  quantization_level: string;
  context_length?: number;
}

/**
 * Placeholders for what a hosted model does not have. `size`: nothing is stored locally, but clients written for
 * Ollama treat 0 as "not downloaded" or divide by it, so a round 1 GiB stands in. `modified_at` is fixed so the
 * answers are stable between calls and restarts.
 */
export const placeholderSize = 1024 ** 3;
export const placeholderModifiedAt = "2025-01-01T00:00:00Z";

/** A stable digest per model: the sha256 of its id, hex, as Ollama's manifest digests look. */
export const modelDigest = (id: string): string => createHash("sha256").update(id).digest("hex");

/** The family clients show: the one the catalogue gave, else the vendor, else "copilot". */
export const modelFamily = (model: OllamaModelSource): string =>
  (model.family || model.vendor || "copilot").toLowerCase();

/**
 * The `general.architecture` of /api/show: clients read the context window from `<architecture>.context_length`
 * (VS Code's Ollama provider builds that key), so it is the family reduced to a dot-free identifier.
 */
export const modelArchitecture = (model: OllamaModelSource): string =>
  modelFamily(model).replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "copilot";

/**
 * `details`: `format` says "gguf", the only value Ollama reports, so clients that check it are not surprised;
 * parameter count and quantisation are not published for hosted models and stay empty, as Ollama leaves them when
 * it does not know.
 */
export function modelDetails(model: OllamaModelSource): OllamaModelDetails {
  const family = modelFamily(model);
  return {
    parent_model: "",
    format: "gguf",
    family,
    families: [family],
    parameter_size: "",
    quantization_level: "",
    ...(model.contextWindow ? { context_length: model.contextWindow } : {}),
  };
}

/** What /api/show and /api/tags list under `capabilities`. */
export function modelCapabilities(model: OllamaModelSource): string[] {
  if (model.embedding) return ["embedding"];
  return ["completion", ...(model.tools ? ["tools"] : []), ...(model.vision ? ["vision"] : []), ...(model.thinking ? ["thinking"] : [])];
}
