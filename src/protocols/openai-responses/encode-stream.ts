import type { HubFinishReason, HubStreamPart, HubUsage } from "../../core/hub/index.ts";
import type { EncodeContext, StreamEncoder } from "../dialect.ts";
import { customToolNames } from "./custom-tool-schema.ts";
import { encodeResponsesUsage } from "./encode-usage.ts";
import { failedResponse } from "./error-envelope.ts";
import { responsesErrorCode } from "./error-code.ts";
import { statusOf } from "./map-status.ts";
import { type ItemPrefix, itemId, responseId } from "./response-id.ts";
import { responseJsonWriter } from "./response-object.ts";
import { responsesSse } from "./responses-sse.ts";
import { closeEvents, deltaEvents, itemSnapshot, messageDelta, newStreamItem, openEvents, type StreamEvent, type StreamItem } from "./stream-item.ts";

const prefixOf: Record<StreamItem["kind"], ItemPrefix> = { message: "msg", function_call: "fc", custom_tool_call: "ctc", reasoning: "rs" };

/**
 * Hub stream parts → Responses SSE (https://platform.openai.com/docs/api-reference/responses-streaming): the
 * response is announced (created, in_progress), each hub block becomes one output item with its own output_index
 * in order of appearance, and response.completed (or .incomplete, or .failed) carries the whole response. Items
 * may interleave, as parallel tool calls do: every event names its item_id and output_index. Sequence numbers
 * count from 0 over every event. Responses has no keep-alive event, so ping() is "".
 */
export function createResponsesStreamEncoder(context: EncodeContext): StreamEncoder {
  let phase: "idle" | "streaming" | "finished" | "errored" = "idle";
  let sequence = 0;
  let id = "";
  let createdAt = 0;
  let startUsage: Partial<HubUsage> = {};
  const items: StreamItem[] = [];
  const byHubId = new Map<string, StreamItem>();
  const customTools = customToolNames(context.request);
  const responseJson = responseJsonWriter(context);

  const sse = (events: StreamEvent[]): string => {
    let text = "";
    for (const [type, payload] of events) text += responsesSse(type, sequence++, payload);
    return text;
  };

  const start = (upstreamId?: string, usage?: Partial<HubUsage>): string => {
    if (phase !== "idle") return "";
    phase = "streaming";
    id = responseId(upstreamId);
    createdAt = Math.floor(context.now() / 1000);
    startUsage = usage ?? {};
    // created and in_progress carry the same response: serialised once.
    const response = `"response":${responseJson({ id, createdAt, status: "in_progress", output: [], usage: null })}`;
    return sse([
      ["response.created", response],
      ["response.in_progress", response],
    ]);
  };

  const open = (hubId: string, kind: StreamItem["kind"], tool?: { toolCallId: string; toolName: string }): StreamItem => {
    const item = newStreamItem(kind, itemId(prefixOf[kind], id, items.length), items.length, tool);
    items.push(item);
    byHubId.set(hubId, item);
    return item;
  };

  /** The open item for a hub block; a text or reasoning delta without its start opens one rather than being lost. */
  const openItem = (hubId: string, kind: "message" | "reasoning", out: StreamEvent[]): StreamItem => {
    const existing = byHubId.get(hubId);
    if (existing && !existing.done) return existing;
    const item = open(hubId, kind);
    out.push(...openEvents(item));
    return item;
  };

  const closeAll = (): StreamEvent[] => items.filter((item) => !item.done).flatMap(closeEvents);

  const finish = (finishReason: HubFinishReason, usage: Partial<HubUsage>): string => {
    const out = start() + sse(closeAll());
    const { status, incomplete_details } = statusOf(finishReason);
    const response = responseJson({
      id,
      createdAt,
      status,
      incompleteDetails: incomplete_details,
      output: items.map((item) => itemSnapshot(item)),
      usage: encodeResponsesUsage({ ...startUsage, ...usage }),
    });
    phase = "finished";
    return out + sse([[status === "completed" ? "response.completed" : "response.incomplete", `"response":${response}`]]);
  };

  const fail = (status: number, type: string, message: string): string => {
    const out = start();
    const output = items.map((item) => itemSnapshot(item, item.done ? "completed" : "incomplete"));
    const error = { code: responsesErrorCode(type, status, message), message };
    const response = responseJson({ id, createdAt, status: "failed", output, usage: null, error });
    phase = "errored";
    return out + sse([["response.failed", `"response":${response}`]]);
  };

  const step = (part: HubStreamPart): string => {
    if (part.type === "message-start") return start(part.id, part.usage);
    if (part.type === "message-end") return finish(part.finishReason, part.usage);
    if (part.type === "error") return fail(part.error.status, part.error.type, part.error.message);
    if (part.type === "text-delta" && phase === "streaming") {
      // The usual event, straight to its text: the item is open, nothing else to announce.
      const item = byHubId.get(part.id);
      if (item?.kind === "message" && !item.done) return part.delta === "" ? "" : responsesSse("response.output_text.delta", sequence++, messageDelta(item, part.delta));
    }
    const out: StreamEvent[] = [];
    const opening = start();
    const existing = byHubId.get(part.id);
    const current = existing && !existing.done ? existing : undefined;
    switch (part.type) {
      case "text-start":
        openItem(part.id, "message", out);
        break;
      case "reasoning-start":
        openItem(part.id, "reasoning", out);
        break;
      case "tool-call-start":
        if (!current) out.push(...openEvents(open(part.id, customTools.has(part.toolName) ? "custom_tool_call" : "function_call", part)));
        break;
      case "text-delta":
        if (part.delta !== "") out.push(...deltaEvents(openItem(part.id, "message", out), part.delta));
        break;
      case "reasoning-delta":
        if (part.delta !== "") out.push(...deltaEvents(openItem(part.id, "reasoning", out), part.delta));
        break;
      case "tool-call-delta":
        // A call cannot be named after the fact: arguments for an unknown or finished call have nowhere to go.
        if (current && part.inputDelta !== "") out.push(...deltaEvents(current, part.inputDelta));
        break;
      case "reasoning-signature": {
        // A signature for reasoning already closed (or never opened) travels in an item of its own.
        const item = current?.kind === "reasoning" ? current : openItem(`${part.id}#signature-${items.length}`, "reasoning", out);
        item.signature = part.signature;
        if (item !== current) out.push(...closeEvents(item));
        break;
      }
      default:
        if (current) out.push(...closeEvents(current));
    }
    return opening + sse(out);
  };

  /** Translation must not take the client's stream down: an internal failure becomes response.failed. */
  const guarded = (run: () => string): string => {
    if (phase === "finished" || phase === "errored") return "";
    try {
      return run();
    } catch (error) {
      phase = "errored";
      const message = `Stream translation failed: ${String(error)}`;
      const response = failedResponse(id || responseId(undefined), createdAt || Math.floor(context.now() / 1000), "server_error", message);
      return responsesSse("response.failed", sequence++, { response });
    }
  };

  return {
    push: (part) => guarded(() => step(part)),
    flush: () => guarded(() => finish("other", {})),
    ping: () => "",
  };
}
