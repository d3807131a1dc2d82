/** A fake Anthropic Messages API: models, messages (JSON + SSE with event: lines), count_tokens. */
import { anthropicErrorType } from "../../src/protocols/anthropic-messages/error-envelope.ts";
import { serveFake } from "./server";
import {
  approxTokens,
  argumentPieces,
  fakeId,
  isRecord,
  jsonResponse,
  outputTokens,
  prepare,
  streamResponse,
  textOf,
  textPieces,
  type Answer,
  type Turn,
} from "./script";
import type { FakeAnthropicOptions, FakeProvider, RecordedRequest } from "./types";

export const DEFAULT_ANTHROPIC_MODELS = ["claude-opus-4-7", "claude-haiku-4-5-20251001"];

export function anthropicError(status: number, message: string): Response {
  return jsonResponse({ type: "error", error: { type: anthropicErrorType(status), message } }, status);
}

function messagesTurn(body: Record<string, unknown>, model: string): Turn {
  const messages = Array.isArray(body.messages) ? body.messages.filter(isRecord) : [];
  const last = messages.at(-1);
  const blocks = (m: Record<string, unknown> | undefined): Record<string, unknown>[] =>
    Array.isArray(m?.content) ? m.content.filter(isRecord) : [];
  const lastUser = messages.findLast((m) => m.role === "user");
  const result = last?.role === "user" ? blocks(last).find((b) => b.type === "tool_result") : undefined;
  const tool = Array.isArray(body.tools) && isRecord(body.tools[0]) ? body.tools[0] : undefined;
  return {
    model,
    lastUserText: typeof lastUser?.content === "string" ? lastUser.content : textOf(blocks(lastUser).filter((b) => b.type === "text")),
    ...(result !== undefined ? { toolResult: textOf(result.content) } : {}),
    ...(typeof tool?.name === "string" ? { firstTool: { name: tool.name, parameters: tool.input_schema } } : {}),
  };
}

function block(answer: Answer): Record<string, unknown> {
  return answer.kind === "text"
    ? { type: "text", text: answer.text }
    : { type: "tool_use", id: answer.id, name: answer.name, input: answer.args };
}

function messageFrames(message: Record<string, unknown>, answer: Answer, output: number): string[] {
  const ev = (type: string, data: Record<string, unknown> = {}): string =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const usage = { ...(message.usage as Record<string, unknown>), output_tokens: 1 };
  const start = answer.kind === "text" ? { type: "text", text: "" } : { ...block(answer), input: {} };
  const deltas =
    answer.kind === "text"
      ? textPieces(answer.text).map((text) => ({ type: "text_delta", text }))
      : argumentPieces(answer.arguments).map((partial_json) => ({ type: "input_json_delta", partial_json }));
  return [
    ev("message_start", { message: { ...message, content: [], stop_reason: null, usage } }),
    ev("content_block_start", { index: 0, content_block: start }),
    ev("ping"),
    ...deltas.map((delta) => ev("content_block_delta", { index: 0, delta })),
    ev("content_block_stop", { index: 0 }),
    ev("message_delta", { delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: { output_tokens: output } }),
    ev("message_stop"),
  ];
}

const messagesDialect = {
  provider: "anthropic",
  fail: anthropicError,
  unknownModel: (model: string) => `model: ${model}`,
  turn: messagesTurn,
  toolIdPrefix: "toolu_",
};

function handleMessages(rec: RecordedRequest, req: Request, models: readonly string[] | undefined): Response {
  const checked = prepare(rec, models, messagesDialect);
  if (checked instanceof Response) return checked;
  if (typeof checked.body.max_tokens !== "number") return anthropicError(400, "max_tokens: Field required");
  const { answer } = checked;
  const output = outputTokens(answer);
  const message = {
    id: fakeId("msg_"),
    type: "message",
    role: "assistant",
    model: checked.model,
    content: [block(answer)],
    stop_reason: answer.kind === "text" ? "end_turn" : "tool_use",
    stop_sequence: null,
    usage: { input_tokens: approxTokens(rec.body), cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: output },
  };
  if (checked.body.stream === true) {
    return streamResponse(req, messageFrames(message, answer, output), "text/event-stream; charset=utf-8");
  }
  return jsonResponse(message);
}

/** Starts a fake Anthropic API on 127.0.0.1; clients append /v1/... to `url`. */
export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeProvider> {
  const listed = options.models ?? DEFAULT_ANTHROPIC_MODELS;
  const route = (rec: RecordedRequest, req: Request): Response => {
    // @anthropic-ai/sdk 1.x sends its apiKey as `Authorization: Bearer`; older clients and curl use x-api-key.
    const key = rec.headers["x-api-key"] ?? rec.headers.authorization?.replace(/^Bearer /, "");
    if (options.apiKey !== undefined && key !== options.apiKey) {
      return anthropicError(401, key === undefined ? "x-api-key header is required" : "invalid x-api-key");
    }
    if (rec.headers["anthropic-version"] === undefined) return anthropicError(400, "anthropic-version: header is required");
    switch (`${rec.method} ${rec.path}`) {
      case "GET /v1/models": {
        const data = listed.map((id) => ({ type: "model", id, display_name: id, created_at: "2025-09-29T00:00:00Z" }));
        return jsonResponse({ data, has_more: false, first_id: listed[0] ?? null, last_id: listed.at(-1) ?? null });
      }
      case "POST /v1/messages":
        return handleMessages(rec, req, options.models);
      case "POST /v1/messages/count_tokens": {
        const checked = prepare(rec, options.models, messagesDialect);
        return checked instanceof Response ? checked : jsonResponse({ input_tokens: approxTokens(rec.body) });
      }
    }
    return anthropicError(404, `Not found: ${rec.method} ${rec.path}`);
  };
  return serveFake({ fault: options.fault }, route, anthropicError);
}
