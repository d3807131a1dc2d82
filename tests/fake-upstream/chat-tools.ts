import { isRecord } from "./http";

export interface ToolCallPlan {
  id: string;
  name: string;
  /** JSON-encoded arguments. */
  arguments: string;
}

interface ToolDef {
  name: string;
  parameters: unknown;
}

/** Function tools from an OpenAI `tools` array (ignores malformed entries). */
function functionTools(tools: unknown): ToolDef[] {
  if (!Array.isArray(tools)) return [];
  const out: ToolDef[] = [];
  for (const t of tools) {
    if (!isRecord(t) || !isRecord(t.function) || typeof t.function.name !== "string") continue;
    out.push({ name: t.function.name, parameters: t.function.parameters });
  }
  return out;
}

function placeholder(schema: unknown): unknown {
  const type = isRecord(schema) ? schema.type : undefined;
  if (type === "number" || type === "integer") return 1;
  if (type === "boolean") return true;
  if (type === "array") return [];
  if (type === "object") return {};
  return "x";
}

/** {"command":"echo hi"} unless the schema requires other props; then "x" (or a typed stand-in) for each. */
export function argumentsFor(parameters: unknown): string {
  const required = isRecord(parameters) && Array.isArray(parameters.required) ? parameters.required : [];
  const names = required.filter((r): r is string => typeof r === "string");
  if (names.every((n) => n === "command")) return JSON.stringify({ command: "echo hi" });
  const props = isRecord(parameters) && isRecord(parameters.properties) ? parameters.properties : {};
  const args: Record<string, unknown> = {};
  for (const n of names) args[n] = n === "command" ? "echo hi" : placeholder(props[n]);
  return JSON.stringify(args);
}

/** `count` calls: to the first tool, or with two calls and two+ tools, to the first two tools. */
export function planToolCalls(tools: unknown, count: 1 | 2): ToolCallPlan[] {
  const defs = functionTools(tools);
  const calls: ToolCallPlan[] = [];
  for (let i = 0; i < count; i++) {
    const def = defs[Math.min(i, defs.length - 1)];
    if (def === undefined) return [];
    calls.push({ id: `call_${i + 1}`, name: def.name, arguments: argumentsFor(def.parameters) });
  }
  return calls;
}
