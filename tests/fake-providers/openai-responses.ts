/** POST /responses of the fake OpenAI: one response object, or an SSE stream of typed, numbered events. */
import { openaiDialect } from "./openai-errors";
import {
  approxTokens,
  argumentPieces,
  fakeId,
  isRecord,
  jsonResponse,
  nowSeconds,
  outputTokens,
  prepare,
  streamResponse,
  textOf,
  textPieces,
  type Answer,
  type Turn,
} from "./script";
import type { RecordedRequest } from "./types";

function responsesTurn(body: Record<string, unknown>, model: string): Turn {
  const items = typeof body.input === "string" ? [{ role: "user", content: body.input }] : Array.isArray(body.input) ? body.input.filter(isRecord) : [];
  const last = items.at(-1);
  const tool = Array.isArray(body.tools) ? body.tools.filter(isRecord).find((t) => t.type === "function") : undefined;
  return {
    model,
    lastUserText: textOf(items.findLast((i) => i.role === "user")?.content),
    ...(last?.type === "function_call_output" ? { toolResult: textOf(last.output) } : {}),
    ...(typeof tool?.name === "string" ? { firstTool: { name: tool.name, parameters: tool.parameters } } : {}),
  };
}

function outputItem(answer: Answer, id: string, status: string, done: boolean): Record<string, unknown> {
  if (answer.kind === "tool") {
    const args = done ? answer.arguments : "";
    return { id, type: "function_call", status, call_id: answer.id, name: answer.name, arguments: args };
  }
  const content = done ? [{ type: "output_text", text: answer.text, annotations: [] }] : [];
  return { id, type: "message", status, role: "assistant", content };
}

function streamEvents(answer: Answer, item: string, response: (status: string, done: boolean) => unknown): string[] {
  let sequence = 0;
  const frames: string[] = [];
  const ev = (type: string, data: Record<string, unknown>): void => {
    frames.push(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...data })}\n\n`);
  };
  const at = { item_id: item, output_index: 0 };
  ev("response.created", { response: response("in_progress", false) });
  ev("response.in_progress", { response: response("in_progress", false) });
  ev("response.output_item.added", { output_index: 0, item: outputItem(answer, item, "in_progress", false) });
  if (answer.kind === "text") {
    const part = (text: string): Record<string, unknown> => ({ type: "output_text", text, annotations: [] });
    ev("response.content_part.added", { ...at, content_index: 0, part: part("") });
    for (const delta of textPieces(answer.text)) ev("response.output_text.delta", { ...at, content_index: 0, delta, logprobs: [] });
    ev("response.output_text.done", { ...at, content_index: 0, text: answer.text, logprobs: [] });
    ev("response.content_part.done", { ...at, content_index: 0, part: part(answer.text) });
  } else {
    for (const delta of argumentPieces(answer.arguments)) ev("response.function_call_arguments.delta", { ...at, delta });
    ev("response.function_call_arguments.done", { ...at, arguments: answer.arguments });
  }
  ev("response.output_item.done", { output_index: 0, item: outputItem(answer, item, "completed", true) });
  ev("response.completed", { response: response("completed", true) });
  return frames;
}

export function handleResponses(rec: RecordedRequest, req: Request, models: readonly string[] | undefined): Response {
  const checked = prepare(rec, models, openaiDialect(responsesTurn));
  if (checked instanceof Response) return checked;
  const { answer } = checked;
  const input = approxTokens(rec.body);
  const output = outputTokens(answer);
  const id = fakeId("resp_");
  const created = nowSeconds();
  const item = fakeId(answer.kind === "text" ? "msg_" : "fc_");
  const response = (state: string, done: boolean): Record<string, unknown> => ({
    id,
    object: "response",
    created_at: created,
    status: state,
    error: null,
    incomplete_details: null,
    instructions: checked.body.instructions ?? null,
    model: checked.model,
    output: done ? [outputItem(answer, item, "completed", true)] : [],
    parallel_tool_calls: true,
    tool_choice: "auto",
    tools: [],
    usage: done
      ? {
          input_tokens: input,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: output,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: input + output,
        }
      : null,
  });
  if (checked.body.stream === true) {
    return streamResponse(req, streamEvents(answer, item, response), "text/event-stream; charset=utf-8");
  }
  return jsonResponse(response("completed", true));
}
