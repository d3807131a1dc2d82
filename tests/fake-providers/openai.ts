/** A fake OpenAI-compatible upstream: models, chat completions (JSON + SSE) and, optionally, Responses. */
import { openaiDialect, openaiError, openaiFail } from "./openai-errors";
import { handleResponses } from "./openai-responses";
import { serveFake } from "./server";
import {
  approxTokens,
  argumentPieces,
  chatTurn,
  fakeId,
  isRecord,
  jsonResponse,
  nowSeconds,
  outputTokens,
  prepare,
  streamResponse,
  textPieces,
  type Answer,
} from "./script";
import type { FakeOpenAIOptions, FakeProvider, RecordedRequest } from "./types";

export const DEFAULT_OPENAI_MODELS = ["gpt-4o-mini", "gpt-4.1"];

const chatDialect = openaiDialect(chatTurn);

export function sse(data: unknown): string {
  return `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}

function usage(rec: RecordedRequest, answer: Answer): Record<string, number> {
  const prompt = approxTokens(rec.body);
  const completion = outputTokens(answer);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function chatFrames(rec: RecordedRequest, answer: Answer, base: Record<string, unknown>, withUsage: boolean): string[] {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
    sse({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const frames = [chunk({ role: "assistant", content: answer.kind === "text" ? "" : null })];
  if (answer.kind === "text") {
    for (const content of textPieces(answer.text)) frames.push(chunk({ content }));
  } else {
    const call = { index: 0, id: answer.id, type: "function", function: { name: answer.name, arguments: "" } };
    frames.push(chunk({ tool_calls: [call] }));
    for (const a of argumentPieces(answer.arguments)) frames.push(chunk({ tool_calls: [{ index: 0, function: { arguments: a } }] }));
  }
  frames.push(chunk({}, answer.kind === "text" ? "stop" : "tool_calls"));
  if (withUsage) frames.push(sse({ ...base, choices: [], usage: usage(rec, answer) }));
  frames.push(sse("[DONE]"));
  return frames;
}

function handleChat(rec: RecordedRequest, req: Request, models: readonly string[] | undefined): Response {
  const checked = prepare(rec, models, chatDialect);
  if (checked instanceof Response) return checked;
  const { answer } = checked;
  const base = { id: fakeId("chatcmpl-"), created: nowSeconds(), model: checked.model, system_fingerprint: "fp_fake" };
  if (checked.body.stream === true) {
    const options = checked.body.stream_options;
    const withUsage = isRecord(options) && options.include_usage === true;
    const frames = chatFrames(rec, answer, { ...base, object: "chat.completion.chunk" }, withUsage);
    return streamResponse(req, frames, "text/event-stream; charset=utf-8");
  }
  const message =
    answer.kind === "text"
      ? { role: "assistant", content: answer.text, refusal: null }
      : {
          role: "assistant",
          content: null,
          refusal: null,
          tool_calls: [{ id: answer.id, type: "function", function: { name: answer.name, arguments: answer.arguments } }],
        };
  const finish = answer.kind === "text" ? "stop" : "tool_calls";
  return jsonResponse({
    ...base,
    object: "chat.completion",
    choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
    usage: usage(rec, answer),
  });
}

/** Starts a fake OpenAI-compatible API on 127.0.0.1; `url` includes the base path. */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeProvider> {
  const basePath = (options.basePath ?? "/v1").replace(/\/+$/, "");
  const listed = options.models ?? DEFAULT_OPENAI_MODELS;
  const route = (rec: RecordedRequest, req: Request): Response => {
    if (options.apiKey !== undefined && rec.headers.authorization !== `Bearer ${options.apiKey}`) {
      return openaiError(401, "Incorrect API key provided.", "invalid_api_key");
    }
    const sub = rec.path.startsWith(`${basePath}/`) ? rec.path.slice(basePath.length) : "";
    switch (`${rec.method} ${sub}`) {
      case "GET /models": {
        const data = listed.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "fake-openai" }));
        return jsonResponse({ object: "list", data });
      }
      case "POST /chat/completions":
        return handleChat(rec, req, options.models);
      case "POST /responses":
        if (options.responses === true) return handleResponses(rec, req, options.models);
    }
    return openaiError(404, `Unknown request URL: ${rec.method} ${rec.path}.`, "unknown_url");
  };
  return serveFake({ tls: options.tls, fault: options.fault, basePath }, route, openaiFail);
}
