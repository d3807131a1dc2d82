import { frameDelayMs } from "./config";
import { completionObject, type ChatMeta } from "./chat-json";
import { planChat, SLOW_CHUNK_MS } from "./chat-script";
import { chatFrames, slowDelay } from "./chat-stream";
import { validateChat } from "./chat-validate";
import { frameStream } from "./frame-stream";
import { approxTokens, isRecord, nowSeconds, sleepUnlessAborted, SSE_HEADERS } from "./http";
import { chargePremium } from "./premium";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

/** POST /copilot/chat/completions */
export async function handleChatCompletions(state: FakeState, rec: RecordedRequest, req: Request): Promise<Response> {
  const checked = validateChat(state, rec);
  if ("error" in checked) return checked.error;
  const { body, messages, model } = checked;
  chargePremium(state, rec, model);

  const plan = planChat(model.id, messages, body.tools);
  if (plan.waitMs) await sleepUnlessAborted(plan.waitMs, req.signal);
  state.serial.response += 1;
  const meta: ChatMeta = {
    id: `chatcmpl-${state.serial.response}`,
    created: nowSeconds(),
    model: model.id,
    promptTokens: approxTokens(rec.body),
  };
  const onCancel = (): void => {
    state.cancelledStreams += 1;
  };

  if (body.stream === true) {
    const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
    const stream = frameStream(chatFrames(plan, meta, includeUsage), {
      frameDelayMs: frameDelayMs(state.options),
      delayBefore: slowDelay(plan),
      errorAtEnd: plan.midstreamError,
      signal: req.signal,
      onCancel,
    });
    return new Response(stream, { headers: SSE_HEADERS });
  }

  const completion = JSON.stringify(completionObject(plan, meta));
  if (plan.midstreamError) {
    // Half a JSON document, then the connection breaks.
    const stream = frameStream([completion.slice(0, Math.floor(completion.length / 2))], {
      frameDelayMs: frameDelayMs(state.options),
      errorAtEnd: true,
      signal: req.signal,
      onCancel: () => undefined,
    });
    return new Response(stream, { headers: { "content-type": "application/json; charset=utf-8" } });
  }
  if (plan.slow) await sleepUnlessAborted(SLOW_CHUNK_MS * plan.pieces.length, req.signal);
  return new Response(completion, { headers: { "content-type": "application/json; charset=utf-8" } });
}
