import type { HubMessage, HubRequest, HubToolChoice } from "../../core/hub/index.ts";
import type { WireOptions } from "../dialect.ts";
import { encodeAssistantBlocks, encodeTextBlocks, encodeUserBlocks } from "./encode-blocks.ts";
import { encodeSampling, encodeThinking } from "./encode-thinking.ts";

/**
 * `max_tokens` is required on the Messages wire; a client of another dialect may send none. 8192 is an output
 * limit every Claude model accepts; with thinking on, the default leaves those 8192 for the answer on top of the
 * thinking budget (which `max_tokens` includes). A limit the client set is kept and the budget fits under it.
 * The pipeline can set the hub's maxOutputTokens from the model's limit instead.
 */
export const defaultMaxTokens = 8192;

type Block = Record<string, unknown>;

function encodeToolChoice(choice: HubToolChoice | undefined, parallelToolCalls: boolean | undefined): Block | undefined {
  const parallel = parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  switch (choice?.type) {
    case undefined:
      return parallelToolCalls === false ? { type: "auto", ...parallel } : undefined;
    case "auto":
      return { type: "auto", ...parallel };
    case "required":
      return { type: "any", ...parallel };
    case "none":
      return { type: "none" };
    case "tool":
      return { type: "tool", name: choice.toolName, ...parallel };
  }
}

/**
 * Hub messages → Messages turns, which must alternate: consecutive messages of one role merge into one turn, and
 * system messages found among them (Chat allows them anywhere) join the system prompt in order. Turns left
 * empty (a reasoning part that cannot be sent back, an empty text) are dropped rather than sent as a 400.
 */
function encodeTurns(messages: readonly HubMessage[], system: Block[]): Block[] {
  const turns: { role: "user" | "assistant"; content: Block[] }[] = [];
  for (const message of messages) {
    if (message.role === "system") {
      system.push(...encodeTextBlocks(message.content));
      continue;
    }
    const blocks = message.role === "user" ? encodeUserBlocks(message.content) : encodeAssistantBlocks(message.content);
    if (blocks.length === 0) continue;
    const last = turns.at(-1);
    if (last?.role !== message.role) turns.push({ role: message.role, content: blocks });
    else last.content = message.role === "user" ? toolResultsFirst([...last.content, ...blocks]) : [...last.content, ...blocks];
  }
  return turns;
}

/** A merged user turn still leads with its tool_result blocks (see encodeUserBlocks). */
function toolResultsFirst(blocks: Block[]): Block[] {
  return [...blocks.filter((block) => block.type === "tool_result"), ...blocks.filter((block) => block.type !== "tool_result")];
}

/**
 * A hub request → a Messages body, for an upstream that speaks Messages (Copilot's /v1/messages). Structured output
 * has no Messages field and adds nothing: the caller's own prompt is sent as it is. `seed` and the penalties have
 * no Messages field either; tool `strict` is left out (Copilot rejects `tools[].strict`, PROTOCOL.md §5).
 */
export function encodeMessagesRequest(request: HubRequest, options: WireOptions): Record<string, unknown> {
  const system = encodeTextBlocks(request.system);
  const messages = encodeTurns(request.messages, system);
  // Without a client limit, the default (plus any thinking budget) must still fit the model's own maximum.
  const wanted = defaultMaxTokens + (encodeThinking(request, options, undefined)?.budget_tokens ?? 0);
  const maxTokens = request.maxOutputTokens ?? Math.min(wanted, options.maxOutputTokens ?? wanted);
  const thinking = encodeThinking(request, options, maxTokens);
  const hasTools = request.tools !== undefined && request.tools.length > 0;
  const toolChoice = hasTools ? encodeToolChoice(request.toolChoice, request.parallelToolCalls) : undefined;
  return {
    model: request.model,
    ...(system.length > 0 ? { system } : {}),
    messages,
    max_tokens: maxTokens,
    ...(hasTools
      ? {
          tools: request.tools?.map((tool) => ({
            name: tool.name,
            ...(tool.description !== undefined ? { description: tool.description } : {}),
            input_schema: tool.inputSchema,
          })),
        }
      : {}),
    ...(toolChoice ? { tool_choice: toolChoice } : {}),
    ...encodeSampling(request, thinking !== undefined),
    ...(request.stopSequences && request.stopSequences.length > 0 ? { stop_sequences: request.stopSequences } : {}),
    ...(thinking ? { thinking } : {}),
    ...(request.user !== undefined ? { metadata: { user_id: request.user } } : {}),
    stream: request.stream,
  };
}
