import type { HubReasoningConfig, HubReasoningEffort, HubResponseFormat } from "../../core/hub/index.ts";
import { isRecord, stringField } from "./is-record.ts";

const efforts = new Set<string>(["none", "minimal", "low", "medium", "high", "xhigh"]);
const summaries = new Set<string>(["auto", "concise", "detailed"]);

/** `reasoning: {effort, summary}` → hub reasoning; undefined when neither is set to a known value. */
export function decodeReasoning(reasoning: unknown): HubReasoningConfig | undefined {
  if (!isRecord(reasoning)) return undefined;
  const effort = stringField(reasoning, "effort");
  const summary = stringField(reasoning, "summary");
  const decoded: HubReasoningConfig = {};
  if (effort !== undefined && efforts.has(effort)) decoded.effort = effort as HubReasoningEffort;
  if (summary !== undefined && summaries.has(summary)) decoded.summary = summary as HubReasoningConfig["summary"];
  return Object.keys(decoded).length > 0 ? decoded : undefined;
}

/** `text.format`: `json_schema` → a schema-following answer, `json_object` → plain JSON, `text` → nothing to say. */
export function decodeTextFormat(text: unknown): HubResponseFormat | undefined {
  const format = isRecord(text) && isRecord(text.format) ? text.format : undefined;
  if (format?.type === "json_object") return { type: "json" };
  if (format?.type !== "json_schema") return undefined;
  const description = stringField(format, "description");
  return {
    type: "json-schema",
    name: stringField(format, "name") ?? "response",
    schema: isRecord(format.schema) ? format.schema : {},
    ...(description !== undefined ? { description } : {}),
    ...(typeof format.strict === "boolean" ? { strict: format.strict } : {}),
  };
}
