import { createValidator, parseJsonBody } from "../core/validate.ts";
import { type CountTokensRequest, CountTokensRequestSchema } from "../protocols/anthropic-messages/index.ts";
import { resolveModel } from "../services/model-resolver.ts";
import type { RelayDeps } from "./relay-deps.ts";

const validate = createValidator<CountTokensRequest>(CountTokensRequestSchema);

/**
 * POST /v1/messages/count_tokens, answered locally: no upstream call, no premium request. An id the catalogue does
 * not know is still counted (with Claude's calibration when it looks like a Claude id), since editors call this
 * before they know which models exist.
 */
export async function countAnthropicTokens(deps: RelayDeps, body: string): Promise<{ input_tokens: number }> {
  const request = validate(parseJsonBody(body));
  const model = resolveModel(request.model, deps.models.list(), deps.config.modelAliases) ?? { id: request.model };
  return { input_tokens: await deps.tokenCounter.count(request, model) };
}
