import { isRecord } from "../../core/is-record.ts";

/**
 * What Copilot's native /v1/messages accepts (PROTOCOL.md §4–§5): only some betas, no server tools, no
 * `tools[].strict`, no `cache_control.scope` / `ttl`. Everything else passes through untouched.
 */
export const COPILOT_ANTHROPIC_BETAS = new Set(["interleaved-thinking-2025-05-14", "context-management-2025-06-27", "advanced-tool-use-2025-11-20"]);

export function filterAnthropicBetas(header: string | null): string | undefined {
  if (!header) return undefined;
  const kept = header
    .split(",")
    .map((beta) => beta.trim())
    .filter((beta) => COPILOT_ANTHROPIC_BETAS.has(beta));
  return kept.length ? kept.join(",") : undefined;
}


/** Client-defined tools have no type or type "custom"; anything else (web_search_…, bash_…) is a server tool. */
const isServerTool = (tool: unknown) => isRecord(tool) && typeof tool.type === "string" && tool.type !== "custom";

function stripCacheControlExtras(value: unknown): boolean {
  let changed = false;
  if (Array.isArray(value)) {
    for (const item of value) changed = stripCacheControlExtras(item) || changed;
  } else if (isRecord(value)) {
    const cache = value.cache_control;
    if (isRecord(cache) && ("scope" in cache || "ttl" in cache)) {
      delete cache.scope;
      delete cache.ttl;
      changed = true;
    }
    for (const key of ["system", "messages", "content", "tools"]) {
      if (key in value) changed = stripCacheControlExtras(value[key]) || changed;
    }
  }
  return changed;
}

/** Edits the parsed body in place; returns the names of what was removed (for the debug log), empty if nothing. */
export function removeRejectedAnthropicFields(body: Record<string, unknown>): string[] {
  const removed: string[] = [];
  if (Array.isArray(body.tools)) {
    const kept = body.tools.filter((tool) => !isServerTool(tool));
    if (kept.length !== body.tools.length) {
      removed.push("server tools");
      body.tools = kept;
      if (kept.length === 0) {
        delete body.tools;
        delete body.tool_choice;
      }
    }
    for (const tool of (body.tools as unknown[] | undefined) ?? []) {
      if (isRecord(tool) && "strict" in tool) {
        delete tool.strict;
        if (!removed.includes("tools[].strict")) removed.push("tools[].strict");
      }
    }
  }
  if (stripCacheControlExtras(body)) removed.push("cache_control.scope/ttl");
  return removed;
}
