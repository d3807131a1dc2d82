import type { HubRequest, HubToolChoice } from "../../core/hub/index.ts";
import { encodeMessages } from "./encode-messages.ts";

export interface ChatRequestOptions {
  /** GPT-5-family models reject `max_tokens` and want `max_completion_tokens` (PROTOCOL.md §5). */
  useMaxCompletionTokens: boolean;
  /** The model takes Copilot's `thinking_budget` (Claude models with `supports.thinking`). */
  supportsThinking?: boolean;
}

function encodeToolChoice(choice: HubToolChoice): unknown {
  switch (choice.type) {
    case "auto":
      return "auto";
    case "none":
      return "none";
    case "required":
      return "required";
    case "tool":
      return { type: "function", function: { name: choice.toolName } };
  }
}

/**
 * A hub request → a Chat Completions body for Copilot. `top_k` has no Chat Completions field and is dropped;
 * adaptive reasoning has no Copilot field either, so only an explicit budget or effort is sent.
 */
export function encodeChatRequest(request: HubRequest, options: ChatRequestOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model, messages: encodeMessages(request) };
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        parameters: tool.inputSchema,
      },
    }));
  }
  if (request.toolChoice) body.tool_choice = encodeToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined && request.tools && request.tools.length > 0) {
    body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.maxOutputTokens !== undefined) {
    body[options.useMaxCompletionTokens ? "max_completion_tokens" : "max_tokens"] = request.maxOutputTokens;
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stopSequences && request.stopSequences.length > 0) body.stop = request.stopSequences;
  if (request.reasoning?.budgetTokens !== undefined && options.supportsThinking) {
    body.thinking_budget = request.reasoning.budgetTokens;
  }
  if (request.reasoning?.effort !== undefined) body.reasoning_effort = request.reasoning.effort;
  if (request.user !== undefined) body.user = request.user;
  body.stream = request.stream;
  if (request.stream) body.stream_options = { include_usage: true };
  return body;
}
