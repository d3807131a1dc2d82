import type { HubTool, HubToolChoice } from "../../core/hub/index.ts";
import { cleanJsonSchema } from "../anthropic-messages/clean-json-schema.ts";
import { isRecord } from "./is-record.ts";

function decodeFunction(fn: Record<string, unknown>): HubTool | undefined {
  if (typeof fn.name !== "string" || fn.name === "") return undefined;
  return {
    name: fn.name,
    ...(typeof fn.description === "string" ? { description: fn.description } : {}),
    inputSchema: cleanJsonSchema(fn.parameters),
    ...(typeof fn.strict === "boolean" ? { strict: fn.strict } : {}),
  };
}

/**
 * `tools` of type `function` (and the legacy `functions` list) → hub tools. Other kinds (`custom` grammar tools,
 * hosted tools) have no hub shape: each leaves a note in `dropped`.
 */
export function decodeChatTools(tools: unknown, functions: unknown, dropped: string[]): HubTool[] | undefined {
  if (!Array.isArray(tools) && !Array.isArray(functions)) return undefined;
  const decoded: HubTool[] = [];
  (Array.isArray(tools) ? tools : []).forEach((tool, position) => {
    const fn = isRecord(tool) && tool.type === "function" && isRecord(tool.function) ? decodeFunction(tool.function) : undefined;
    if (fn) decoded.push(fn);
    else dropped.push(`tools[${position}]: ${isRecord(tool) ? String(tool.type) : "malformed"} tool`);
  });
  (Array.isArray(functions) ? functions : []).forEach((legacy, position) => {
    const fn = isRecord(legacy) ? decodeFunction(legacy) : undefined;
    if (fn) decoded.push(fn);
    else dropped.push(`functions[${position}]: malformed function`);
  });
  return decoded;
}

/** `tool_choice` (or the legacy `function_call`): auto / none / required / one named function. */
export function decodeChatToolChoice(toolChoice: unknown, functionCall: unknown, dropped: string[]): HubToolChoice | undefined {
  const choice = toolChoice ?? functionCall;
  if (choice === undefined || choice === null) return undefined;
  if (choice === "auto" || choice === "none" || choice === "required") return { type: choice };
  if (isRecord(choice)) {
    // `{type: "function", function: {name}}`, or the legacy `{name}`.
    const named = isRecord(choice.function) ? choice.function.name : choice.type === undefined ? choice.name : undefined;
    if (typeof named === "string" && named !== "") return { type: "tool", toolName: named };
  }
  dropped.push(`tool_choice: ${isRecord(choice) ? `type ${String(choice.type)}` : JSON.stringify(choice)}`);
  return undefined;
}
