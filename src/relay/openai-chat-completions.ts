import { createValidator, parseJsonBody } from "../core/validate.ts";
import { RelayError } from "../core/relay-error.ts";
import {
  type ChatCompletionRequest,
  ChatCompletionRequestSchema,
  chatHasImage,
  chatInitiator,
  openAIStreamErrorEvent,
  usageFromTail,
} from "../protocols/openai-chat/index.ts";
import { supportsEndpoint, wantsMaxCompletionTokens } from "../providers/copilot/model.ts";
import { findModel } from "./find-model.ts";
import type { RelayDeps, RelayInput } from "./relay-deps.ts";
import { requestRecord } from "./request-record.ts";
import { passThrough } from "./respond.ts";

const validate = createValidator<ChatCompletionRequest>(ChatCompletionRequestSchema);

/**
 * POST /v1/chat/completions on the fast path: one JSON parse to read what policy needs, the client's bytes go
 * upstream unless policy must edit them, and the upstream bytes come back untouched.
 */
export async function relayChatCompletions(deps: RelayDeps, input: RelayInput): Promise<Response> {
  const body = validate(parseJsonBody(input.body));
  const model = await findModel(deps, body.model);
  if (!supportsEndpoint(model, "/chat/completions")) {
    const needs = model.supported_endpoints?.join(", ") ?? "another endpoint";
    throw new RelayError(
      "invalid_request",
      `The model '${model.id}' is not available on /chat/completions; Copilot serves it on ${needs}. Use the Responses API (/v1/responses) for this model.`,
      { code: "unsupported_api_for_model", param: "model" },
    );
  }

  let edited = false;
  if (body.model !== model.id) {
    body.model = model.id;
    edited = true;
  }
  if (body.max_tokens != null && wantsMaxCompletionTokens(model)) {
    body.max_completion_tokens ??= body.max_tokens;
    delete body.max_tokens;
    edited = true;
  }

  const initiator = chatInitiator(body.messages);
  const stream = body.stream === true;
  const record = requestRecord(deps, input, { model, initiator, stream, upstream: "/chat/completions" });
  const upstream = await deps.copilot.send({
    path: "/chat/completions",
    body: edited ? JSON.stringify(body) : input.body,
    requestId: input.requestId,
    initiator,
    vision: chatHasImage(body.messages),
    signal: input.signal,
  });
  return passThrough(upstream, {
    requestId: input.requestId,
    stream,
    record,
    usage: (tail) => usageFromTail(tail),
    streamErrorEvent: openAIStreamErrorEvent,
  });
}
