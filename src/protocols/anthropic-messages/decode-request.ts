import type { HubMessage, HubRequest } from "../../core/hub/index.ts";
import { decodeAssistantContent, decodeSystemContent, decodeUserContent } from "./decode-content.ts";
import { decodeReasoning } from "./decode-reasoning.ts";
import { decodeToolChoice, decodeTools } from "./decode-tools.ts";
import type { CountTokensRequest, MessagesMessage, MessagesRequest } from "./schema.ts";

function decodeMessage(message: MessagesMessage): HubMessage {
  switch (message.role) {
    case "system":
      return { role: "system", content: decodeSystemContent(message.content) };
    case "assistant":
      return { role: "assistant", content: decodeAssistantContent(message.content) };
    default:
      return { role: "user", content: decodeUserContent(message.content) };
  }
}

/**
 * An Anthropic Messages body → the hub request. Also takes a count_tokens body (no `max_tokens`), so token
 * counting sees exactly what would be sent. Unknown top-level fields (`context_management`, …) have no hub
 * equivalent and stay behind; the native pass-through path is where they are forwarded.
 */
export function decodeMessagesRequest(body: MessagesRequest | CountTokensRequest): HubRequest {
  const system = body.system === undefined ? [] : decodeSystemContent(body.system);
  const tools = decodeTools(body.tools);
  const reasoning = decodeReasoning(body);
  const userId = body.metadata?.user_id;
  return {
    model: body.model,
    system,
    messages: body.messages.map(decodeMessage),
    ...(tools !== undefined ? { tools } : {}),
    ...decodeToolChoice(body.tool_choice),
    ...(body.max_tokens !== undefined ? { maxOutputTokens: body.max_tokens } : {}),
    ...(body.temperature !== undefined ? { temperature: body.temperature } : {}),
    ...(body.top_p !== undefined ? { topP: body.top_p } : {}),
    ...(body.top_k !== undefined ? { topK: body.top_k } : {}),
    ...(body.stop_sequences !== undefined && body.stop_sequences.length > 0 ? { stopSequences: body.stop_sequences } : {}),
    ...(reasoning !== undefined ? { reasoning } : {}),
    ...(typeof userId === "string" && userId !== "" ? { user: userId } : {}),
    stream: body.stream === true,
  };
}
