import { frameDelayMs } from "./config";
import { documentPieces, faultAnswer, fillerPieces, halfDocument, HUGE_PIECE } from "./fault-answer";
import { frameStream, type FrameStreamOptions } from "./frame-stream";
import { SSE_HEADERS } from "./http";
import type { FakeState } from "./state";
import type { DripFailure, HugeFailure, RecordedRequest, ResetMidStreamFailure, StallFailure } from "./types";

type AnswerFault = ResetMidStreamFailure | StallFailure | DripFailure | HugeFailure;

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };
const DRIP_JSON_PIECES = 8;

/**
 * A response that closes the connection before a byte is written: Bun sends the status line and headers only
 * with the body's first chunk, so a body that fails before its first chunk leaves the client with a reset.
 * (`undefined` as the reason keeps Bun from logging a stack trace.)
 */
export function resetBeforeHeaders(): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(undefined);
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}

/** The answer of a reset-mid-stream, stall, drip or huge fault, in the shape of the request's path. */
export function answerFault(state: FakeState, rec: RecordedRequest, req: Request, failure: AnswerFault): Response {
  const pieces = answerPieces(failure);
  const answer = faultAnswer(state, rec, pieces);
  const headers: Record<string, string> = { ...(answer.streamed ? SSE_HEADERS : JSON_HEADERS) };
  for (const [k, v] of Object.entries(failure.headers ?? {})) headers[k.toLowerCase()] = v;
  const init = { status: failure.status ?? 200, headers };
  const document = answer.frames[0] ?? "";

  if (failure.kind === "huge" && !answer.streamed) return new Response(document, init);
  const base: FrameStreamOptions = {
    frameDelayMs: frameDelayMs(state.options),
    signal: req.signal,
    onCancel: () => {
      state.cancelledStreams += 1;
    },
  };
  switch (failure.kind) {
    case "reset-mid-stream": {
      const frames = answer.streamed ? answer.frames.slice(0, failure.events ?? 3) : [halfDocument(document)];
      return new Response(frameStream(frames, { ...base, errorAtEnd: true }), init);
    }
    case "stall": {
      const frames = answer.streamed ? answer.frames.slice(0, failure.events ?? 1) : [halfDocument(document)];
      return new Response(frameStream(frames, { ...base, stallAtEnd: true }), init);
    }
    case "drip": {
      const frames = answer.streamed ? answer.frames : documentPieces(document, DRIP_JSON_PIECES);
      const intervalMs = failure.intervalMs ?? 200;
      return new Response(frameStream(frames, { ...base, frameDelayMs: 0, delayBefore: () => intervalMs }), init);
    }
    case "huge":
      // Back to back, as a fast upstream's bursts arrive; thousands of 1 ms pauses would only slow tests.
      return new Response(frameStream(answer.frames, { ...base, frameDelayMs: -1, paced: true, onSent: (bytes) => (state.pacedBytes += bytes) }), init);
  }
}

function answerPieces(failure: AnswerFault): string[] | undefined {
  if (failure.kind === "huge") return fillerPieces(failure.bytes ?? 20_000_000, HUGE_PIECE);
  if (failure.kind === "drip" && failure.pieces !== undefined) return Array.from({ length: failure.pieces }, () => "tok ");
  return undefined;
}
