/** A Copilot model as GET /models returns it (PROTOCOL.md §5); only what the relay reads is typed. */
export interface CopilotModel {
  id: string;
  name?: string;
  vendor?: string;
  version?: string;
  preview?: boolean;
  model_picker_enabled?: boolean;
  policy?: { state?: string; terms?: string };
  billing?: { is_premium?: boolean; multiplier?: number };
  /** Absent on older models, which then speak Chat Completions only. */
  supported_endpoints?: string[];
  capabilities?: {
    type?: string;
    family?: string;
    tokenizer?: string;
    limits?: {
      max_context_window_tokens?: number;
      max_prompt_tokens?: number;
      max_output_tokens?: number;
      vision?: Record<string, unknown>;
    };
    supports?: Record<string, unknown>;
  };
  [key: string]: unknown;
}

export type CopilotEndpoint = "/chat/completions" | "/responses" | "/v1/messages" | "/embeddings";

export function supportsEndpoint(model: CopilotModel, endpoint: CopilotEndpoint): boolean {
  const endpoints = model.supported_endpoints;
  if (!endpoints || endpoints.length === 0) {
    return endpoint === (model.capabilities?.type === "embeddings" ? "/embeddings" : "/chat/completions");
  }
  return endpoints.includes(endpoint);
}

/** GPT-5 family and o-series reasoning models reject `max_tokens` and want `max_completion_tokens`. */
export function wantsMaxCompletionTokens(model: CopilotModel): boolean {
  const family = model.capabilities?.family ?? model.id;
  return /^(gpt-5|o\d)/.test(family) || /^(gpt-5|o\d)/.test(model.id);
}
