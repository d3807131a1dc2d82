import type { EncodeContext } from "../dialect.ts";
import type { ResponsesUsage } from "./encode-usage.ts";
import { isRecord } from "./is-record.ts";

export interface ResponseFields {
  id: string;
  /** Unix seconds; one value for every event of a stream. */
  createdAt: number;
  status: "in_progress" | "completed" | "incomplete" | "failed";
  output: unknown[];
  usage: ResponsesUsage | null;
  incompleteDetails?: { reason: string } | null;
  error?: { code: string; message: string } | null;
}

/**
 * The `response` object (openai `Response`) with the request fields clients read back echoed from the client's
 * request, defaulted the way OpenAI reports them. Nothing is stored (`store: false`), so there is never a
 * `previous_response_id` to report.
 */
export function responseObject(context: EncodeContext, fields: ResponseFields): Record<string, unknown> {
  const request = isRecord(context.request) ? context.request : {};
  return {
    id: fields.id,
    object: "response",
    created_at: fields.createdAt,
    status: fields.status,
    error: fields.error ?? null,
    incomplete_details: fields.incompleteDetails ?? null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: context.requestedModel,
    output: fields.output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: request.reasoning ?? { effort: null, summary: null },
    store: false,
    temperature: request.temperature ?? null,
    text: request.text ?? { format: { type: "text" } },
    tool_choice: request.tool_choice ?? "auto",
    tools: request.tools ?? [],
    top_p: request.top_p ?? null,
    truncation: request.truncation ?? "disabled",
    usage: fields.usage,
    ...(typeof request.user === "string" ? { user: request.user } : {}),
    metadata: request.metadata ?? {},
  };
}

/** Marks the fields that change between a stream's events; unguessable, so no echoed request text matches it. */
const MARK = `\u0000${crypto.randomUUID()}:`;
/** MARK as it appears in JSON text, from its opening quote. */
const MARK_JSON = JSON.stringify(MARK).slice(0, -1);

/**
 * `responseObject` serialised, for streams: the request fields echoed back (instructions and tools, often tens of
 * kilobytes for a coding agent) are serialised once per stream rather than in each of response.created,
 * .in_progress and .completed. The template is responseObject itself, serialised with a marker in each field that
 * changes between events, so the two cannot drift apart; each event fills the markers in.
 */
export function responseJsonWriter(context: EncodeContext): (fields: ResponseFields) => string {
  // The template split at the markers: the first piece is text; each later one is `name"` and the text after it.
  let pieces: { name: string; text: string }[] | undefined;
  let head = "";
  const build = () => {
    const mark = (name: keyof ResponseFields) => `${MARK}${name}` as never;
    const fields = { id: mark("id"), createdAt: mark("createdAt"), status: mark("status"), output: mark("output"), usage: mark("usage") };
    const [first = "", ...rest] = JSON.stringify(responseObject(context, { ...fields, incompleteDetails: mark("incompleteDetails"), error: mark("error") })).split(MARK_JSON);
    head = first;
    return rest.map((piece) => {
      const quote = piece.indexOf('"');
      return { name: piece.slice(0, quote), text: piece.slice(quote + 1) };
    });
  };
  return (fields) => {
    pieces ??= build();
    const value = (name: string): string => {
      if (name === "createdAt") return String(fields.createdAt);
      if (name === "incompleteDetails") return JSON.stringify(fields.incompleteDetails ?? null);
      if (name === "error") return JSON.stringify(fields.error ?? null);
      return JSON.stringify(fields[name as "id" | "status" | "output" | "usage"]);
    };
    // Concatenated, not joined: the echoed pieces may be large, and the stream encodes the text once anyway.
    let text = head;
    for (const piece of pieces) text += value(piece.name) + piece.text;
    return text;
  };
}
