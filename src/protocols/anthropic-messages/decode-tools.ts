import type { HubTool, HubToolChoice } from "../../core/hub/index.ts";
import { cleanJsonSchema } from "./clean-json-schema.ts";
import type { MessagesRequest } from "./schema.ts";

/**
 * Client tools → hub tools. Server tools (any `type` other than `custom`: `web_search_20250305`,
 * `bash_20250124`, `text_editor_…`) run on Anthropic's side and cannot run behind a Chat Completions upstream;
 * Copilot rejects them too (PROTOCOL.md §5), so they are dropped.
 */
export function decodeTools(tools: MessagesRequest["tools"]): HubTool[] | undefined {
  if (!tools) return undefined;
  const decoded: HubTool[] = [];
  for (const tool of tools) {
    if (tool.type !== undefined && tool.type !== "custom") continue;
    decoded.push({
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      inputSchema: cleanJsonSchema(tool.input_schema),
    });
  }
  return decoded;
}

/** `auto` / `any` / `tool` / `none`, plus `disable_parallel_tool_use` as the hub's parallelToolCalls. */
export function decodeToolChoice(choice: MessagesRequest["tool_choice"]): {
  toolChoice?: HubToolChoice;
  parallelToolCalls?: boolean;
} {
  if (!choice) return {};
  const parallel = choice.disable_parallel_tool_use === true ? { parallelToolCalls: false } : {};
  switch (choice.type) {
    case "auto":
      return { toolChoice: { type: "auto" }, ...parallel };
    case "any":
      return { toolChoice: { type: "required" }, ...parallel };
    case "none":
      return { toolChoice: { type: "none" }, ...parallel };
    case "tool":
      return choice.name ? { toolChoice: { type: "tool", toolName: choice.name }, ...parallel } : parallel;
    default:
      return parallel;
  }
}
