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
