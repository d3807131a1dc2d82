import type { HubRequest, HubResponseFormat } from "../../core/hub/index.ts";
import type { WireOptions } from "../dialect.ts";
import { encodeOllamaMessages } from "./encode-messages.ts";
import { encodeOptions } from "./encode-options.ts";
import { encodeThink } from "./encode-think.ts";

const encodeFormat = (format: HubResponseFormat): unknown => (format.type === "json" ? "json" : format.schema);

/**
 * What `/api/chat` has no field for, noted in `dropped` (the caller may log it): tool choice beyond auto/none,
 * `parallel_tool_calls: false`, the end-user id. `tool_choice: none` is sent as no tools, which is what it means.
 * The schema's name, description and `strict` go with `format` (Ollama always constrains to the schema).
 */
function noteDropped(request: HubRequest, dropped: string[]): void {
  const choice = request.toolChoice;
  if (choice?.type === "required" || choice?.type === "tool") dropped.push(`tool_choice ${choice.type === "tool" ? choice.toolName : "required"} (Ollama lets the model choose)`);
  if (request.parallelToolCalls === false) dropped.push("parallel_tool_calls false");
  if (request.user !== undefined) dropped.push("user");
}

/**
 * A hub request → an Ollama `POST /api/chat` body (docs/api.md): messages with base64 images and object tool
 * arguments, OpenAI-shaped function tools, `format` from the response format, `think` from the reasoning request
 * and the sampling fields in `options`. `keep_alive` is left to the server. What cannot be expressed is left out
 * (never sent invalid) and, when `dropped` is given, noted there.
 */
export function encodeOllamaChatRequest(request: HubRequest, options: WireOptions, dropped: string[] = []): Record<string, unknown> {
  noteDropped(request, dropped);
  const body: Record<string, unknown> = { model: request.model, messages: encodeOllamaMessages(request, dropped) };
  if (request.tools && request.tools.length > 0 && request.toolChoice?.type !== "none") {
    body.tools = request.tools.map((tool) => ({
      type: "function",
      function: { name: tool.name, ...(tool.description !== undefined ? { description: tool.description } : {}), parameters: tool.inputSchema },
    }));
  }
  if (request.responseFormat) body.format = encodeFormat(request.responseFormat);
  const think = encodeThink(request.reasoning, options);
  if (think !== undefined) body.think = think;
  const sampling = encodeOptions(request);
  if (sampling) body.options = sampling;
  body.stream = request.stream;
  return body;
}
