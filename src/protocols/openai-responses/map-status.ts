import type { HubFinishReason } from "../../core/hub/index.ts";
import { isRecord } from "./is-record.ts";

/**
 * A response's `status` and `incomplete_details` → hub finish reason. Responses has no "tool calls" status: a
 * response that made a function call is a tool-call turn, which is what clients loop on.
 */
export function finishReasonOf(response: Record<string, unknown>, madeToolCall: boolean): HubFinishReason {
  if (response.status === "incomplete") {
    const reason = isRecord(response.incomplete_details) ? response.incomplete_details.reason : undefined;
    if (reason === "max_output_tokens") return "length";
    if (reason === "content_filter") return "content-filter";
  }
  return madeToolCall ? "tool-calls" : "stop";
}

export interface ResponsesStatus {
  status: "completed" | "incomplete";
  incomplete_details: { reason: "max_output_tokens" | "content_filter" } | null;
}

/** Hub finish reason → `status` and `incomplete_details`, the way OpenAI reports a cut-off answer. */
export function statusOf(finishReason: HubFinishReason): ResponsesStatus {
  if (finishReason === "length") return { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } };
  if (finishReason === "content-filter") return { status: "incomplete", incomplete_details: { reason: "content_filter" } };
  return { status: "completed", incomplete_details: null };
}
