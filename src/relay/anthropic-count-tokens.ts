import { createValidator, parseJsonBody } from "../core/validate.ts";
import { type CountTokensRequest, CountTokensRequestSchema } from "../protocols/anthropic-messages/index.ts";
import type { RelayDeps } from "./relay-deps.ts";

const validate = createValidator<CountTokensRequest>(CountTokensRequestSchema);

/**
 * POST /v1/messages/count_tokens, answered locally: no upstream call, no premium request. An id the catalogue does
 * not know is a 404, as on every other route (the message lists the closest models).
 */
export async function countAnthropicTokens(deps: RelayDeps, body: string): Promise<{ input_tokens: number }> {
  const request = validate(parseJsonBody(body));
  const routing = deps.routing();
  const { model } = routing.known(request.model) ?? (await routing.find(request.model));
  return { input_tokens: await deps.tokenCounter.count(request, model) };
}
