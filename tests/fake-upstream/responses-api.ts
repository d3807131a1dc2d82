import { SLOW_CHUNK_MS } from "./chat-script";
import { slowDelay } from "./chat-stream";
import { frameDelayMs } from "./config";
import { frameStream } from "./frame-stream";
import { approxTokens, nowSeconds, sleepUnlessAborted, SSE_HEADERS } from "./http";
import { chargePremium } from "./premium";
import { planResponses } from "./responses-input";
import { finalStatus, outputItems, responseObject, responseUsage, type ResponsesMeta } from "./responses-object";
import { responsesFrames } from "./responses-stream";
import { validateResponses } from "./responses-validate";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

/** POST /copilot/responses — the OpenAI Responses API as Copilot serves it (store: false), scripted by directives. */
export async function handleResponses(state: FakeState, rec: RecordedRequest, req: Request): Promise<Response> {
  const checked = validateResponses(state, rec);
  if ("error" in checked) return checked.error;
  const { body, messages, model } = checked;
  chargePremium(state, rec, model);

  state.serial.response += 1;
  const serial = state.serial.response;
  const plan = planResponses(model.id, body, messages, serial);
  if (plan.waitMs) await sleepUnlessAborted(plan.waitMs, req.signal);
  const inputTokens = approxTokens(rec.body);
  const meta: ResponsesMeta = { serial, createdAt: nowSeconds(), model: model.id, inputTokens, body };

  if (body.stream === true) {
    const frames = responsesFrames(plan, meta, state.options.responsesStreamDone === true);
    const stream = frameStream(frames, {
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

  const finished = responseObject(meta, finalStatus(plan), outputItems(plan, meta), responseUsage(plan, meta));
  const response = JSON.stringify(finished);
  if (plan.midstreamError) {
    // Half a JSON document, then the connection breaks.
    const stream = frameStream([response.slice(0, Math.floor(response.length / 2))], {
      frameDelayMs: frameDelayMs(state.options),
      errorAtEnd: true,
      signal: req.signal,
      onCancel: () => undefined,
    });
    return new Response(stream, { headers: JSON_HEADERS });
  }
  if (plan.slow) await sleepUnlessAborted(SLOW_CHUNK_MS * plan.pieces.length, req.signal);
  return new Response(response, { headers: JSON_HEADERS });
}
