import {
  createMessagesStreamEncoder,
  decodeMessagesRequest,
  encodeMessagesResult,
  messagesHasImage,
  type MessagesRequest,
} from "../protocols/anthropic-messages/index.ts";
import { createChatStreamDecoder, decodeChatResult, encodeChatRequest } from "../protocols/openai-chat/index.ts";
import type { Initiator } from "../core/hub/index.ts";
import { type CopilotModel, wantsMaxCompletionTokens } from "../providers/copilot/model.ts";
import { upstreamError } from "../providers/copilot/upstream-error.ts";
import type { AnthropicInput } from "./anthropic-messages.ts";
import type { HubUsage } from "../core/hub/index.ts";
import type { RelayDeps } from "./relay-deps.ts";
import { requestRecord } from "./request-record.ts";
import { translateSse } from "./translate-sse.ts";

/**
 * Models without native /v1/messages: Anthropic request → hub → Chat Completions, and the answer back the same way.
 * No tokenizer runs here: message_start carries a byte-length estimate until the upstream reports usage.
 */
export async function relayAnthropicTranslated(
  deps: RelayDeps,
  input: AnthropicInput,
  body: MessagesRequest,
  model: CopilotModel,
  turn: { initiator: Initiator; interactionType: string },
): Promise<Response> {
  const hub = decodeMessagesRequest(body);
  const chatBody = encodeChatRequest(hub, {
    useMaxCompletionTokens: wantsMaxCompletionTokens(model),
    supportsThinking: Boolean(model.capabilities?.supports?.thinking ?? model.capabilities?.supports?.max_thinking_budget),
  });
  chatBody.model = model.id;
  const upstream = await deps.copilot.send({
    path: "/chat/completions",
    body: JSON.stringify(chatBody),
    requestId: input.requestId,
    initiator: turn.initiator,
    interactionType: turn.interactionType,
    vision: messagesHasImage(body.messages),
    signal: input.signal,
  });
  const record = requestRecord(deps, input, { model, initiator: turn.initiator, stream: hub.stream, upstream: "/chat/completions (translated)" });
  const usage = (hubUsage?: Partial<HubUsage>) =>
    hubUsage && { inputTokens: hubUsage.inputTokens ?? 0, outputTokens: hubUsage.outputTokens ?? 0, cachedTokens: hubUsage.cacheReadTokens ?? 0 };

  if (!upstream.ok) {
    const error = await upstreamError(upstream);
    record(error.status, "error");
    throw error;
  }
  const headers = { "x-request-id": input.requestId };
  if (!hub.stream) {
    const result = decodeChatResult(await upstream.json());
    record(upstream.status, "done", usage(result.usage));
    return Response.json(encodeMessagesResult(result, body.model), { headers });
  }
  const stream = translateSse(upstream.body ?? new ReadableStream(), {
    decoder: createChatStreamDecoder(),
    encoder: createMessagesStreamEncoder({ model: body.model, estimatedInputTokens: Math.ceil(input.body.length / 4) }),
    onEnd: (outcome, streamUsage) => record(upstream.status, outcome, usage(streamUsage)),
  });
  return new Response(stream, { headers: { ...headers, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" } });
}
