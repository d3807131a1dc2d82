import type { HubTool, HubToolChoice } from "../../core/hub/index.ts";
import { cleanJsonSchema } from "../anthropic-messages/clean-json-schema.ts";
import { customToolInputSchema } from "./custom-tool-schema.ts";
import { isRecord, stringField } from "./is-record.ts";

/** Chat Completions (and Copilot) function names must match this (PROTOCOL.md §10). */
const validName = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Client tools → hub tools. `function` tools carry over; `custom` (free-form) tools become functions taking
 * `{input: string}`. Hosted tools (web_search, file_search, code_interpreter, image_generation, computer use, mcp,
 * local_shell, namespace, …) run on OpenAI's side: no upstream behind the hub can run them, so they are dropped
 * with a note rather than sent on as invalid functions.
 */
export function decodeTools(tools: unknown, dropped: string[]): HubTool[] | undefined {
  if (!Array.isArray(tools)) return undefined;
  const decoded: HubTool[] = [];
  for (const tool of tools) {
    if (!isRecord(tool)) continue;
    const name = stringField(tool, "name") ?? "";
    if (tool.type !== "function" && tool.type !== "custom") {
      dropped.push(`tool ${String(tool.type)}${name ? ` ${name}` : ""}`);
      continue;
    }
    if (!validName.test(name)) {
      dropped.push(`tool ${tool.type} ${JSON.stringify(name)}: the name must match ${validName.source}`);
      continue;
    }
    const description = stringField(tool, "description");
    decoded.push({
      name,
      ...(description !== undefined ? { description } : {}),
      inputSchema: tool.type === "custom" ? customToolInputSchema(tool) : cleanJsonSchema(tool.parameters),
      ...(tool.type === "function" && typeof tool.strict === "boolean" ? { strict: tool.strict } : {}),
    });
  }
  return decoded;
}

/**
 * `auto` / `none` / `required`, or a named function or custom tool. Choices the hub cannot express (hosted tool
 * types, `allowed_tools`, mcp) and names of tools that were dropped fall back to `auto`, with a note.
 */
export function decodeToolChoice(choice: unknown, tools: readonly HubTool[] | undefined, dropped: string[]): HubToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === "required" && tools?.length === 0) {
    dropped.push("tool_choice required: every tool was dropped (auto instead)");
    return { type: "auto" };
  }
  if (choice === "auto" || choice === "none" || choice === "required") return { type: choice };
  if (isRecord(choice) && (choice.type === "function" || choice.type === "custom")) {
    const name = stringField(choice, "name");
    if (name && tools?.some((tool) => tool.name === name)) return { type: "tool", toolName: name };
  }
  dropped.push(`tool_choice ${JSON.stringify(choice)} (auto instead)`);
  return { type: "auto" };
}
