import { anthropicStreamErrorEvent, anthropicUsageFromText, messagesHasImage, type MessagesRequest } from "../protocols/anthropic-messages/index.ts";
import { filterAnthropicBetas, removeRejectedAnthropicFields } from "../providers/copilot/anthropic-quirks.ts";
import type { Initiator } from "../core/hub/index.ts";
import type { CopilotModel } from "../providers/copilot/model.ts";
import type { AnthropicInput } from "./anthropic-messages.ts";
import type { RelayDeps } from "./relay-deps.ts";
import { requestRecord } from "./request-record.ts";
import { passThrough } from "./respond.ts";

/**
 * Native pass-through: the client's body goes to Copilot's /v1/messages as sent, except the model id and fields
 * Copilot rejects; the stream comes back byte for byte without Copilot's trailing `data: [DONE]`.
 */
export async function relayAnthropicNative(
  deps: RelayDeps,
  input: AnthropicInput,
  body: MessagesRequest,
  model: CopilotModel,
  turn: { initiator: Initiator; interactionType: string },
): Promise<Response> {
  let edited = removeRejectedAnthropicFields(body as Record<string, unknown>).length > 0;
  if (body.model !== model.id) {
    body.model = model.id;
    edited = true;
  }
  // Copilot speaks the one stable Messages version (PROTOCOL.md §4); newer SDKs send dates it may not know.
  const headers: Record<string, string> = { "anthropic-version": "2023-06-01" };
  const betas = filterAnthropicBetas(input.headers.get("anthropic-beta"));
  if (betas) headers["anthropic-beta"] = betas;
  const stream = body.stream === true;

  const upstream = await deps.copilot.send({
    path: "/v1/messages",
    body: edited ? JSON.stringify(body) : input.body,
    requestId: input.requestId,
    initiator: turn.initiator,
    interactionType: turn.interactionType,
    vision: messagesHasImage(body.messages),
    signal: input.signal,
    headers,
  });
  const record = requestRecord(deps, input, { model, initiator: turn.initiator, stream, upstream: "/v1/messages" });
  return passThrough(upstream, {
    requestId: input.requestId,
    stream,
    record,
    usage: anthropicUsageFromText,
    streamErrorEvent: anthropicStreamErrorEvent,
    dropDone: true,
  });
}
