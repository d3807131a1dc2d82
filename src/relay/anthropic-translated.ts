import {
  createMessagesStreamEncoder,
  decodeMessagesRequest,
  encodeMessagesResult,
  messagesHasImage,
  type MessagesRequest,
} from "../protocols/anthropic-messages/index.ts";
import { createChatStreamDecoder, decodeChatResult, encodeChatRequest } from "../protocols/openai-chat/index.ts";
import type { Initiator } from "../providers/copilot/headers.ts";
import { type CopilotModel, wantsMaxCompletionTokens } from "../providers/copilot/model.ts";
import { upstreamError } from "../providers/copilot/upstream-error.ts";
import type { AnthropicInput } from "./anthropic-messages.ts";
import type { RelayDeps } from "./relay-deps.ts";
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
  const started = performance.now();
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
  const record = (status: number, outcome: "done" | "cancelled" | "error", usage?: { inputTokens?: number; outputTokens?: number; cacheReadTokens?: number }) =>
    deps.recorder.record({
      requestId: input.requestId,
      route: input.route,
      model: model.id,
      initiator: turn.initiator,
      multiplier: model.billing?.multiplier ?? 0,
      status,
      stream: hub.stream,
      outcome,
      durationMs: Math.round(performance.now() - started),
      usage: usage ? { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0, cachedTokens: usage.cacheReadTokens ?? 0 } : undefined,
      upstream: "/chat/completions (translated)",
    });

  if (!upstream.ok) {
    const error = await upstreamError(upstream);
    record(error.status, "error");
    throw error;
  }
  const headers = { "x-request-id": input.requestId };
  if (!hub.stream) {
    const result = decodeChatResult(await upstream.json());
    record(upstream.status, "done", result.usage);
    return Response.json(encodeMessagesResult(result, body.model), { headers });
  }
  const stream = translateSse(upstream.body ?? new ReadableStream(), {
    decoder: createChatStreamDecoder(),
    encoder: createMessagesStreamEncoder({ model: body.model, estimatedInputTokens: Math.ceil(input.body.length / 4) }),
    onEnd: (outcome, usage) => record(upstream.status, outcome, usage),
  });
  return new Response(stream, { headers: { ...headers, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" } });
}
