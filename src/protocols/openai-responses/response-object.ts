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

/**
 * `responseObject` serialised, for streams: the request fields echoed back (instructions and tools, often tens of
 * kilobytes for a coding agent) are serialised once per stream rather than in each of response.created,
 * .in_progress and .completed. The keys come out in responseObject's order.
 */
export function responseJsonWriter(context: EncodeContext): (fields: ResponseFields) => string {
  let echo: { beforeOutput: string; beforeUsage: string; afterUsage: string } | undefined;
  const fragment = (object: Record<string, unknown>, keys: string[]) =>
    JSON.stringify(Object.fromEntries(keys.filter((key) => key in object).map((key) => [key, object[key]]))).slice(1, -1);
  return (fields) => {
    if (!echo) {
      const full = responseObject(context, { id: "", createdAt: 0, status: "in_progress", output: [], usage: null });
      echo = {
        beforeOutput: fragment(full, ["instructions", "max_output_tokens", "model"]),
        beforeUsage: fragment(full, ["parallel_tool_calls", "previous_response_id", "reasoning", "store", "temperature", "text", "tool_choice", "tools", "top_p", "truncation"]),
        afterUsage: fragment(full, ["user", "metadata"]),
      };
    }
    // Concatenated, not joined: the echoed fragments may be large, and the stream encodes the text once anyway.
    // A fragment whose values were all undefined serialises to nothing.
    const and = (fragment: string) => (fragment === "" ? "" : `,${fragment}`);
    return (
      `{"id":${JSON.stringify(fields.id)},"object":"response","created_at":${fields.createdAt},"status":"${fields.status}"` +
      `,"error":${JSON.stringify(fields.error ?? null)},"incomplete_details":${JSON.stringify(fields.incompleteDetails ?? null)}` +
      `${and(echo.beforeOutput)},"output":${JSON.stringify(fields.output)}${and(echo.beforeUsage)},"usage":${JSON.stringify(fields.usage)}${and(echo.afterUsage)}}`
    );
  };
}
