import { completionObject } from "./chat-json";
import { planChat, slices, type ChatPlan } from "./chat-script";
import { chatFrames } from "./chat-stream";
import { approxTokens, isRecord, nowSeconds } from "./http";
import { messageFrames, messageObject } from "./messages-stream";
import { finalStatus, outputItems, responseObject, responseUsage } from "./responses-object";
import { responsesFrames } from "./responses-stream";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

/** The paths whose answers the answering faults (reset-mid-stream, stall, drip, huge) know how to shape. */
export const ANSWER_PATHS = ["/copilot/chat/completions", "/copilot/v1/messages", "/copilot/responses"] as const;

/** A fault's answer before the fault is applied: the frames of a stream, or one JSON document. */
export interface FaultAnswer {
  streamed: boolean;
  /** SSE frames when streamed; otherwise a single element, the JSON document. */
  frames: string[];
}

const DEFAULT_MODEL = "gpt-4.1";
/** A huge stream's text deltas: big enough to keep the event count reasonable, small like real frames. */
export const HUGE_PIECE = 16 * 1024;
const FILLER = "The quick brown fox jumps over the lazy dog 0123456789. ";

/** Exactly `bytes` ASCII characters of readable filler, in pieces of at most `size`. */
export function fillerPieces(bytes: number, size: number): string[] {
  const block = FILLER.repeat(Math.ceil(size / FILLER.length) + 1);
  const pieces: string[] = [];
  for (let at = 0; at < bytes; at += size) {
    const length = Math.min(size, bytes - at);
    const offset = at % FILLER.length;
    pieces.push(block.slice(offset, offset + length));
  }
  return pieces;
}

/** The usual reply of the fake model, or `pieces` given explicitly; directives in the request are not read. */
export function faultPlan(model: string, pieces?: string[]): ChatPlan {
  const plan = planChat(model, [], undefined);
  if (pieces !== undefined) plan.pieces = pieces;
  return plan;
}

/** A valid answer in the shape of `path`, streamed when the request asked for a stream. */
export function faultAnswer(state: FakeState, rec: RecordedRequest, pieces?: string[]): FaultAnswer {
  const body = isRecord(rec.json) ? rec.json : {};
  const model = typeof body.model === "string" ? body.model : DEFAULT_MODEL;
  const streamed = body.stream === true;
  const plan = faultPlan(model, pieces);
  state.serial.response += 1;
  const serial = state.serial.response;
  const inputTokens = approxTokens(rec.body);

  if (rec.path === "/copilot/v1/messages") {
    const meta = { id: `msg_fake_${serial}`, model, inputTokens };
    return streamed
      ? { streamed, frames: messageFrames(plan, meta) }
      : { streamed, frames: [JSON.stringify(messageObject(plan, meta))] };
  }
  if (rec.path === "/copilot/responses") {
    const meta = { serial, createdAt: nowSeconds(), model, inputTokens, body };
    if (streamed) return { streamed, frames: responsesFrames(plan, meta, state.options.responsesStreamDone === true) };
    const finished = responseObject(meta, finalStatus(plan), outputItems(plan, meta), responseUsage(plan, meta));
    return { streamed, frames: [JSON.stringify(finished)] };
  }
  const meta = { id: `chatcmpl-${serial}`, created: nowSeconds(), model, promptTokens: inputTokens };
  if (!streamed) return { streamed, frames: [JSON.stringify(completionObject(plan, meta))] };
  const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
  return { streamed, frames: chatFrames(plan, meta, includeUsage) };
}

/** A JSON document cut into `count` pieces on code-point boundaries (so no piece splits a character). */
export function documentPieces(document: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(Array.from(document).length / count));
  return slices(document, size);
}

/** The first half of a JSON document, cut on a code-point boundary. */
export function halfDocument(document: string): string {
  const chars = Array.from(document);
  return chars.slice(0, Math.floor(chars.length / 2)).join("");
}
