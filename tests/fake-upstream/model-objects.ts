import type { FakeModel } from "./types";

/** Family used for behaviour checks (e.g. gpt-5 rejecting max_tokens). */
export function modelFamily(m: FakeModel): string {
  return m.family ?? m.id;
}

function defaultVendor(id: string): string {
  if (id.startsWith("claude")) return "Anthropic";
  if (id.startsWith("gemini")) return "Google";
  return "Azure OpenAI";
}

/** True when the model may be called on this Copilot endpoint (absent list = chat only). */
export function modelSupports(m: FakeModel, endpoint: string): boolean {
  if (m.type === "embeddings") return endpoint === "/embeddings";
  if (m.supported_endpoints === undefined) return endpoint === "/chat/completions";
  return m.supported_endpoints.includes(endpoint);
}

function chatCapabilities(m: FakeModel): Record<string, unknown> {
  const limits: Record<string, unknown> = {
    max_context_window_tokens: m.maxContext ?? 128000,
    max_output_tokens: m.maxOutput ?? 16384,
    max_prompt_tokens: m.maxPrompt ?? 128000,
  };
  if (m.vision === true) {
    limits.vision = {
      max_prompt_images: 5,
      max_prompt_image_size: 3145728,
      supported_media_types: ["image/jpeg", "image/png", "image/webp", "image/gif"],
    };
  }
  const supports: Record<string, unknown> = {
    tool_calls: true,
    parallel_tool_calls: true,
    streaming: true,
    structured_outputs: true,
  };
  if (m.vision === true) supports.vision = true;
  if (m.thinking === true) {
    supports.thinking = true;
    supports.adaptive_thinking = true;
    supports.min_thinking_budget = 1024;
    supports.max_thinking_budget = 32000;
  }
  return {
    type: "chat",
    family: modelFamily(m),
    tokenizer: m.tokenizer ?? "o200k_base",
    object: "model_capabilities",
    limits,
    supports,
  };
}

function embeddingCapabilities(m: FakeModel): Record<string, unknown> {
  return {
    type: "embeddings",
    family: modelFamily(m),
    tokenizer: m.tokenizer ?? "cl100k_base",
    object: "model_capabilities",
    limits: { max_inputs: 512 },
    supports: { dimensions: true },
  };
}

/** A full Copilot /models entry for a FakeModel. */
export function toCopilotModel(m: FakeModel): Record<string, unknown> {
  const multiplier = m.multiplier ?? 1;
  const out: Record<string, unknown> = {
    id: m.id,
    name: m.name ?? m.id,
    vendor: m.vendor ?? defaultVendor(m.id),
    version: m.id,
    object: "model",
    preview: false,
    model_picker_enabled: m.type !== "embeddings",
    policy: { state: "enabled", terms: `Enable access to ${m.name ?? m.id}.` },
    billing: { is_premium: multiplier > 0, multiplier },
    capabilities: m.type === "embeddings" ? embeddingCapabilities(m) : chatCapabilities(m),
  };
  if (m.supported_endpoints !== undefined) out.supported_endpoints = [...m.supported_endpoints];
  return out;
}
