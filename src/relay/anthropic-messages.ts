import { RelayError } from "../core/relay-error.ts";
import { createValidator, parseJsonBody } from "../core/validate.ts";
import { type MessagesRequest, MessagesRequestSchema, messagesInitiator, messagesInteractionType } from "../protocols/anthropic-messages/index.ts";
import { supportsEndpoint } from "../providers/copilot/model.ts";
import { relayAnthropicNative } from "./anthropic-native.ts";
import { relayAnthropicTranslated } from "./anthropic-translated.ts";
import { findModel } from "./find-model.ts";
import type { RelayDeps, RelayInput } from "./relay-deps.ts";

const validate = createValidator<MessagesRequest>(MessagesRequestSchema);
const isClaude = (model: { id: string }) => model.id.startsWith("claude");

export interface AnthropicInput extends RelayInput {
  /** Request headers the native path forwards (anthropic-version, anthropic-beta). */
  headers: Headers;
}

/**
 * POST /v1/messages: Claude models that list /v1/messages go through natively on the fast path; every other model
 * is translated through the hub to /chat/completions and back.
 */
export async function relayAnthropicMessages(deps: RelayDeps, input: AnthropicInput): Promise<Response> {
  const body = validate(parseJsonBody(input.body));
  const model = await findModel(deps, body.model, isClaude);
  const turn = { initiator: messagesInitiator(body), interactionType: messagesInteractionType(body) };
  if (supportsEndpoint(model, "/v1/messages")) return relayAnthropicNative(deps, input, body, model, turn);
  if (supportsEndpoint(model, "/chat/completions")) return relayAnthropicTranslated(deps, input, body, model, turn);
  throw new RelayError(
    "invalid_request",
    `The model '${model.id}' is served only on ${model.supported_endpoints?.join(", ")}; the Messages API cannot reach it yet.`,
    { code: "unsupported_api_for_model", param: "model" },
  );
}
