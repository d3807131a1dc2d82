import { isRecord } from "../../core/is-record.ts";
import { customToolInputSchema } from "../../protocols/openai-responses/custom-tool-schema.ts";

/** A custom (free-form) tool as the function Copilot accepts: one string parameter, `input`. */
function customAsFunction(tool: Record<string, unknown>): Record<string, unknown> {
  return {
    type: "function",
    name: tool.name,
    ...(typeof tool.description === "string" ? { description: tool.description } : {}),
    parameters: customToolInputSchema(tool),
    strict: false,
  };
}

/** Only function tools reach Copilot: custom ones become functions, hosted ones (image_generation, web_search, …) go. */
function prepareTools(body: Record<string, unknown>): string[] {
  const tools = body.tools;
  if (!Array.isArray(tools) || tools.every((tool) => isRecord(tool) && tool.type === "function")) return [];
  const kept: unknown[] = [];
  const converted: string[] = [];
  const removed: string[] = [];
  for (const tool of tools) {
    if (!isRecord(tool)) continue;
    if (tool.type === "function") kept.push(tool);
    else if (tool.type === "custom" && typeof tool.name === "string") {
      kept.push(customAsFunction(tool));
      converted.push(tool.name);
    } else removed.push(`${String(tool.type)}${typeof tool.name === "string" ? ` ${tool.name}` : ""}`);
  }
  const notes: string[] = [];
  if (converted.length > 0) notes.push(`custom tools sent as functions: ${converted.join(", ")}`);
  if (removed.length > 0) notes.push(`tools Copilot rejects removed: ${removed.join(", ")}`);
  body.tools = kept;
  const choice = body.tool_choice;
  if (isRecord(choice) && choice.type === "custom" && converted.includes(String(choice.name))) {
    body.tool_choice = { type: "function", name: choice.name };
    notes.push("tool_choice custom → function");
  } else if (isRecord(choice) && choice.type !== "function" && choice.type !== "allowed_tools") {
    // A hosted tool kind (`{type: "web_search"}`, …): that tool was just removed.
    delete body.tool_choice;
    notes.push(`tool_choice ${String(choice.type)} removed`);
  }
  if (kept.length === 0) {
    delete body.tools;
    if (body.tool_choice !== undefined && body.tool_choice !== "auto" && body.tool_choice !== "none") {
      delete body.tool_choice;
      notes.push("tool_choice removed with the last tool");
    }
  }
  return notes;
}

const isReference = (item: Record<string, unknown>) =>
  item.type === "item_reference" || (item.type === undefined && item.role === undefined && typeof item.id === "string");
const isCustom = (item: Record<string, unknown>) => item.type === "custom_tool_call" || item.type === "custom_tool_call_output";
/** Items whose ids only a stored response could resolve; reasoning ids travel with their encrypted content. */
const idBearing = new Set(["message", "function_call", "function_call_output"]);
const dropsId = (item: Record<string, unknown>) =>
  "id" in item && (idBearing.has(String(item.type)) || (item.type === undefined && item.role !== undefined));

/** Input items as Copilot's store-less /responses takes them: no references, no custom items, no foreign ids. */
function prepareInput(body: Record<string, unknown>): string[] {
  const input = body.input;
  if (!Array.isArray(input) || !input.some((item) => isRecord(item) && (isReference(item) || isCustom(item) || dropsId(item)))) return [];
  let references = 0;
  let customItems = 0;
  let ids = 0;
  const kept: unknown[] = [];
  for (const original of input) {
    if (!isRecord(original)) {
      kept.push(original);
      continue;
    }
    if (isReference(original)) {
      references++;
      continue;
    }
    let item = original;
    if (item.type === "custom_tool_call") {
      const { input: text, ...rest } = item;
      item = { ...rest, type: "function_call", arguments: JSON.stringify({ input: typeof text === "string" ? text : "" }) };
      customItems++;
    } else if (item.type === "custom_tool_call_output") {
      item = { ...item, type: "function_call_output" };
      customItems++;
    }
    if (dropsId(item)) {
      delete item.id;
      ids++;
    }
    kept.push(item);
  }
  body.input = kept;
  const notes: string[] = [];
  if (references > 0) notes.push(`${references} item_reference item(s) dropped (nothing is stored)`);
  if (customItems > 0) notes.push(`${customItems} custom tool call item(s) sent as function calls`);
  if (ids > 0) notes.push(`ids removed from ${ids} input item(s) (store: false)`);
  return notes;
}

/**
 * Edits a Responses body in place for Copilot's /responses (PROTOCOL.md §5): Copilot refuses `store: true`,
 * `service_tier`, custom tools and hosted tools, and with nothing stored it refuses ids it did not persist and
 * cannot resolve item references. Returns one note per kind of edit; a body that needs none is left untouched
 * and gets [], so the relay can forward the client's bytes as they came.
 */
export function prepareCopilotResponses(body: Record<string, unknown>): string[] {
  const notes: string[] = [];
  if (body.store === true) {
    body.store = false;
    notes.push("store: true → false");
  }
  if ("service_tier" in body) {
    delete body.service_tier;
    notes.push("service_tier removed");
  }
  notes.push(...prepareTools(body), ...prepareInput(body));
  return notes;
}
