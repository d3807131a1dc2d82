/** What every fake answers: deterministic text with multi-byte UTF-8, a tool call, a tool result echo, a status. */
import { frameStream } from "../fake-upstream/frame-stream";
import { approxTokens, isRecord } from "../fake-upstream/http";
import type { RecordedRequest } from "./types";

export { approxTokens, isRecord, nowSeconds } from "../fake-upstream/http";
export { argumentPieces } from "../fake-upstream/chat-stream";

export interface Turn {
  model: string;
  /** Text of the last user message (its text parts). */
  lastUserText: string;
  /** Set when the last message is a tool result: its text. */
  toolResult?: string;
  firstTool?: { name: string; parameters?: unknown };
}

export type Answer =
  | { kind: "text"; text: string }
  | { kind: "tool"; id: string; name: string; args: Record<string, unknown>; arguments: string };

export function fakeId(prefix: string): string {
  return `${prefix}${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`;
}

/** Text of a string or an array of text-like parts ({type: text | input_text | output_text, text}). */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .filter(isRecord)
    .map((p) => (typeof p.text === "string" ? p.text : ""))
    .join("");
}

/** The status of a `[[status:NNN]]` directive in the last user message, if any. */
function statusDirective(turn: Turn): number | undefined {
  const m = /\[\[status:(\d{3})\]\]/.exec(turn.lastUserText);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Plausible arguments for a JSON schema's properties. */
function sampleArgs(schema: unknown): Record<string, unknown> {
  const props = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(props)) {
    const type = isRecord(prop) ? prop.type : undefined;
    out[name] = type === "number" || type === "integer" ? 1 : type === "boolean" ? true : "héllo";
  }
  return out;
}

function answerFor(provider: string, turn: Turn, idPrefix = "call_"): Answer {
  if (turn.toolResult !== undefined) return { kind: "text", text: `tool result: ${turn.toolResult}` };
  if (turn.firstTool !== undefined && turn.lastUserText.includes("[[tool]]")) {
    const args = sampleArgs(turn.firstTool.parameters);
    return { kind: "tool", id: fakeId(idPrefix), name: turn.firstTool.name, args, arguments: JSON.stringify(args) };
  }
  return { kind: "text", text: `Hello from ${provider} (model=${turn.model}): héllo wörld 👋 日本語` };
}

/** The text in several pieces of about two words each. */
export function textPieces(text: string): string[] {
  const words = text.match(/\S+\s*/g) ?? [text];
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 2) out.push(words.slice(i, i + 2).join(""));
  return out;
}

/** The turn of an OpenAI-chat-shaped body (also Ollama's /api/chat): messages, role "tool", function tools. */
export function chatTurn(body: Record<string, unknown>, model: string): Turn {
  const messages = Array.isArray(body.messages) ? body.messages.filter(isRecord) : [];
  const last = messages.at(-1);
  const tool = Array.isArray(body.tools) && isRecord(body.tools[0]) ? body.tools[0].function : undefined;
  return {
    model,
    lastUserText: textOf(messages.findLast((m) => m.role === "user")?.content),
    ...(last?.role === "tool" ? { toolResult: textOf(last.content) } : {}),
    ...(isRecord(tool) && typeof tool.name === "string" ? { firstTool: { name: tool.name, parameters: tool.parameters } } : {}),
  };
}

export interface Prepared {
  body: Record<string, unknown>;
  model: string;
  answer: Answer;
}

export interface Dialect {
  provider: string;
  fail: (status: number, message: string) => Response;
  unknownModel: (model: string) => string;
  turn: (body: Record<string, unknown>, model: string) => Turn;
  toolIdPrefix?: string;
}

/**
 * The answer to a chat-like request, or the error: the body must be a JSON object with a string `model` (known,
 * when `known` is given); a `[[status:NNN]]` directive answers that status.
 */
export function prepare(rec: RecordedRequest, known: readonly string[] | undefined, d: Dialect): Prepared | Response {
  if (!isRecord(rec.json)) return d.fail(400, "request body must be a JSON object");
  const { model } = rec.json;
  if (typeof model !== "string" || model === "") return d.fail(400, "model is required");
  if (known !== undefined && !known.includes(model)) return d.fail(404, d.unknownModel(model));
  const turn = d.turn(rec.json, model);
  const status = statusDirective(turn);
  if (status !== undefined) return d.fail(status, `fake upstream status ${status}`);
  return { body: rec.json, model, answer: answerFor(d.provider, turn, d.toolIdPrefix) };
}

/** Completion tokens of an answer. */
export function outputTokens(answer: Answer): number {
  return approxTokens(answer.kind === "text" ? answer.text : answer.arguments);
}

/** A streamed answer: each frame its own write, with multi-byte characters split across two writes. */
export function streamResponse(req: Request, frames: string[], contentType: string): Response {
  const body = frameStream(frames, { frameDelayMs: 0, signal: req.signal, onCancel: () => {} });
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-cache" } });
}

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}
