import type { HubFinishReason, HubStreamPart, HubUsage } from "../../core/hub/index.ts";
import { kindForStatus, RelayError } from "../../core/relay-error.ts";
import type { EncodeContext, StreamEncoder } from "../dialect.ts";
import { completionId } from "./completion-id.ts";
import { encodeChatUsage } from "./encode-usage.ts";
import { openAIStreamErrorEvent } from "./error-envelope.ts";
import { chatFinishReason } from "./map-finish-reason.ts";

const done = "data: [DONE]\n\n";

/**
 * Hub stream parts → Chat Completions `chat.completion.chunk` SSE. Chat has no blocks, only one delta per kind,
 * so block starts and ends mostly vanish: text goes out as `content`, reasoning in Copilot's `reasoning_text` /
 * `reasoning_opaque` (what Chat clients on Copilot already read), and each tool call gets the next
 * `tool_calls[].index`, so parallel calls may interleave as OpenAI's own streams allow. The usage chunk
 * (`choices: []`) is always sent when the upstream reported usage: clients that asked for `include_usage` need
 * it and the others ignore it. The keep-alive is an SSE comment, which every SSE reader skips (OpenRouter sends
 * the same), while a data chunk would have to pretend to be part of the answer.
 */
export function createChatStreamEncoder(context: EncodeContext): StreamEncoder {
  let phase: "idle" | "streaming" | "ended" = "idle";
  let id = "";
  const created = Math.floor(context.now() / 1000);
  const toolIndexes = new Map<string, number>();
  let lastTextBlock: string | undefined;

  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: context.requestedModel, choices, ...extra })}\n\n`;
  // Every delta chunk shares its envelope: serialised once (when the id is known), each delta costs one stringify
  // of its own few fields.
  let deltaPrefix = "";
  const deltaSuffix = ',"finish_reason":null,"logprobs":null}]}\n\n';
  const prefix = () =>
    (deltaPrefix ||= `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(context.requestedModel)},"choices":[{"index":0,"delta":`);
  const delta = (fields: Record<string, unknown>): string => prefix() + JSON.stringify(fields) + deltaSuffix;

  const start = (upstreamId?: string): string => {
    if (phase !== "idle") return "";
    phase = "streaming";
    id = completionId(upstreamId || context.requestId);
    return delta({ role: "assistant", content: "" });
  };

  /** Separate text blocks (Anthropic interleaves them with thinking and tools) are joined with a blank line. */
  const text = (blockId: string, value: string): string => {
    if (value === "") return "";
    const separator = lastTextBlock !== undefined && lastTextBlock !== blockId ? "\n\n" : "";
    lastTextBlock = blockId;
    // The common delta: one string escape, no object to build and walk.
    return `${prefix()}{"content":${JSON.stringify(separator + value)}}${deltaSuffix}`;
  };

  const toolStart = (blockId: string, toolCallId: string, toolName: string): string => {
    if (toolIndexes.has(blockId)) return "";
    const index = toolIndexes.size;
    toolIndexes.set(blockId, index);
    return delta({ tool_calls: [{ index, id: toolCallId, type: "function", function: { name: toolName, arguments: "" } }] });
  };

  const toolDelta = (blockId: string, value: string): string => {
    const index = toolIndexes.get(blockId);
    // Arguments without their call's start cannot be attributed to a call the client knows.
    if (index === undefined || value === "") return "";
    return delta({ tool_calls: [{ index, function: { arguments: value } }] });
  };

  const finish = (finishReason: HubFinishReason, usage: Partial<HubUsage>): string => {
    let out = start();
    // Clients run tools only on "tool_calls"; an upstream that said "stop" beside tool calls would stall them.
    const reason = toolIndexes.size > 0 && (finishReason === "stop" || finishReason === "other") ? "tool-calls" : finishReason;
    out += chunk([{ index: 0, delta: {}, finish_reason: chatFinishReason(reason), logprobs: null }]);
    if (Object.keys(usage).length > 0) out += chunk([], { usage: encodeChatUsage(usage) });
    phase = "ended";
    return out + done;
  };

  const fail = (status: number, type: string, message: string): string => {
    phase = "ended";
    return openAIStreamErrorEvent(new RelayError(kindForStatus(status), message, { status, upstreamType: type }));
  };

  const step = (part: HubStreamPart): string => {
    switch (part.type) {
      case "message-start":
        return start(part.id);
      case "message-end":
        return finish(part.finishReason, part.usage);
      case "error":
        return fail(part.error.status, part.error.type, part.error.message);
      case "text-delta":
        return start() + text(part.id, part.delta);
      case "reasoning-delta":
        return start() + (part.delta === "" ? "" : delta({ reasoning_text: part.delta }));
      case "reasoning-signature":
        return start() + (part.signature === "" ? "" : delta({ reasoning_opaque: part.signature }));
      case "tool-call-start":
        return start() + toolStart(part.id, part.toolCallId, part.toolName);
      case "tool-call-delta":
        return start() + toolDelta(part.id, part.inputDelta);
      default:
        return start();
    }
  };

  /** Translation must not take the client's stream down: an internal failure becomes an error event. */
  const guarded = (run: () => string): string => {
    if (phase === "ended") return "";
    try {
      return run();
    } catch (error) {
      phase = "ended";
      return `data: ${JSON.stringify({ error: { message: `Stream translation failed: ${String(error)}`, type: "server_error", param: null, code: null } })}\n\n${done}`;
    }
  };

  return {
    push: (part) => guarded(() => step(part)),
    flush: () => guarded(() => finish("other", {})),
    ping: () => (phase === "ended" ? "" : ": ping\n\n"),
  };
}
