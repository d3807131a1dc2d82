import { isRecord, stringField } from "./is-record.ts";

/**
 * A Responses `custom` tool takes free-form text instead of JSON (Codex's `apply_patch` is one, with a Lark
 * grammar). Upstreams without custom tools get a function taking `{input: string}`; the grammar, when there is one,
 * goes into the description so the model still knows the syntax the client will parse.
 */
export function customToolInputSchema(tool: Record<string, unknown>): Record<string, unknown> {
  const format = isRecord(tool.format) ? tool.format : {};
  let description = "The raw text input for this tool.";
  if (format.type === "grammar") {
    const syntax = stringField(format, "syntax") ?? "grammar";
    const definition = stringField(format, "definition");
    if (definition) description += ` It must follow this ${syntax} grammar:\n${definition}`;
  }
  return { type: "object", properties: { input: { type: "string", description } }, required: ["input"], additionalProperties: false };
}

/** The names of the tools a request declared as `custom`: their calls go back as `custom_tool_call` items. */
export function customToolNames(request: unknown): Set<string> {
  const names = new Set<string>();
  const tools = isRecord(request) && Array.isArray(request.tools) ? request.tools : [];
  for (const tool of tools) if (isRecord(tool) && tool.type === "custom" && typeof tool.name === "string") names.add(tool.name);
  return names;
}
