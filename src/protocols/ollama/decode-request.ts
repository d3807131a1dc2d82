import type { HubRequest, HubTextPart, HubUserPart } from "../../core/hub/index.ts";
import { decodeFormat } from "./decode-format.ts";
import { decodeImage } from "./decode-image.ts";
import { decodeMessages } from "./decode-messages.ts";
import { decodeOptions } from "./decode-options.ts";
import { decodeThink } from "./decode-think.ts";
import { decodeTools } from "./decode-tools.ts";
import { fillInTheMiddle } from "./fill-in-the-middle.ts";
import type { OllamaChatRequest, OllamaGenerateRequest } from "./schema.ts";

type Common = Pick<OllamaChatRequest, "model" | "format" | "options" | "stream" | "think">;

/** The fields both endpoints share. `keep_alive` and `num_ctx` size a local model's memory: no effect here. */
function decodeCommon(body: Common): Omit<HubRequest, "system" | "messages"> {
  const responseFormat = decodeFormat(body.format);
  const reasoning = decodeThink(body.think);
  return {
    model: body.model,
    ...decodeOptions(body.options),
    ...(responseFormat ? { responseFormat } : {}),
    ...(reasoning ? { reasoning } : {}),
    // Ollama streams unless `stream` is false.
    stream: body.stream !== false,
  };
}

/** An Ollama `/api/chat` body → the hub request. */
export function decodeOllamaChatRequest(body: OllamaChatRequest): HubRequest {
  const tools = decodeTools(body.tools);
  return {
    ...decodeCommon(body),
    system: [],
    messages: decodeMessages(body.messages ?? []),
    ...(tools ? { tools } : {}),
  };
}

/**
 * An Ollama `/api/generate` body → the hub request: `system` is the system prompt, `prompt` (with `images`) the
 * one user message, `suffix` turns it into fill-in-the-middle. `raw` (the prompt is already templated) and
 * `template` concern a local model's prompt template; a hosted model applies its own, so the prompt is sent as
 * plain user text. `context` (token ids of an earlier answer) means nothing to another model and is dropped.
 */
export function decodeOllamaGenerateRequest(body: OllamaGenerateRequest): HubRequest {
  const system: HubTextPart[] = body.system ? [{ type: "text", text: body.system }] : [];
  const prompt = body.prompt ?? "";
  let text: HubTextPart | undefined = prompt === "" ? undefined : { type: "text", text: prompt };
  if (body.suffix) {
    const fill = fillInTheMiddle(prompt, body.suffix);
    system.push(fill.system);
    text = fill.prompt;
  }
  const content: HubUserPart[] = [...(text ? [text] : []), ...(body.images ?? []).map(decodeImage)];
  const dropped: string[] = [];
  if (body.context && body.context.length > 0) dropped.push("context: token ids from an earlier /api/generate answer cannot be replayed to a hosted model");
  if (body.template) dropped.push("template: a hosted model applies its own prompt template");
  return {
    ...decodeCommon(body),
    system,
    messages: content.length > 0 ? [{ role: "user", content }] : [],
    ...(dropped.length > 0 ? { dropped } : {}),
  };
}
