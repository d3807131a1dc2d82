import { SLOW_CHUNK_MS } from "./chat-script";
import { slowDelay } from "./chat-stream";
import { frameDelayMs } from "./config";
import { frameStream } from "./frame-stream";
import { approxTokens, sleepUnlessAborted, SSE_HEADERS } from "./http";
import { planMessages } from "./messages-plan";
import { messageFrames, messageObject, type MessageMeta } from "./messages-stream";
import { validateMessages } from "./messages-validate";
import { chargePremium } from "./premium";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

/** POST /copilot/v1/messages — native Anthropic Messages API (Copilot's Claude models), scripted by directives. */
export async function handleMessages(state: FakeState, rec: RecordedRequest, req: Request): Promise<Response> {
  const checked = validateMessages(state, rec);
  if ("error" in checked) return checked.error;
  const { body, messages, model } = checked;
  chargePremium(state, rec, model);

  state.serial.response += 1;
  const serial = state.serial.response;
  const plan = planMessages(model.id, messages, body.tools, serial);
  if (plan.waitMs) await sleepUnlessAborted(plan.waitMs, req.signal);
  const meta: MessageMeta = { id: `msg_fake_${serial}`, model: model.id, inputTokens: approxTokens(rec.body) };

  if (body.stream === true) {
    const stream = frameStream(messageFrames(plan, meta), {
      frameDelayMs: frameDelayMs(state.options),
      delayBefore: slowDelay(plan),
      errorAtEnd: plan.midstreamError,
      signal: req.signal,
      onCancel: () => {
        state.cancelledStreams += 1;
      },
    });
    return new Response(stream, { headers: SSE_HEADERS });
  }

  const message = JSON.stringify(messageObject(plan, meta));
  if (plan.midstreamError) {
    // Half a JSON document, then the connection breaks.
    const stream = frameStream([message.slice(0, Math.floor(message.length / 2))], {
      frameDelayMs: frameDelayMs(state.options),
      errorAtEnd: true,
      signal: req.signal,
      onCancel: () => undefined,
    });
    return new Response(stream, { headers: JSON_HEADERS });
  }
  if (plan.slow) await sleepUnlessAborted(SLOW_CHUNK_MS * plan.pieces.length, req.signal);
  return new Response(message, { headers: JSON_HEADERS });
}
