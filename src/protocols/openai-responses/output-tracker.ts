import type { HubReasoningPart, HubStreamPart } from "../../core/hub/index.ts";
import { isRecord, stringField } from "./is-record.ts";
import { finishToolCall, newTrackedToolCall, startToolCall, type TrackedToolCall } from "./tracked-tool-call.ts";

type Key = number | string;

interface TextBlock {
  hubId: string;
  open: boolean;
  sawDelta: boolean;
}

interface ReasoningState {
  hubId: string;
  started: boolean;
  ended: boolean;
  sawText: boolean;
  /** The summary part (or reasoning_text part) the last delta belonged to; a new one is set off by a blank line. */
  lastPart?: string;
}

interface ItemState {
  texts: Map<number, TextBlock>;
  tool?: TrackedToolCall;
  reasoning?: ReasoningState;
}

/**
 * The output items of one Responses stream as hub blocks: a text block per message content part, a tool-call
 * block per function (or custom tool) call, a reasoning block per reasoning item. Blocks open lazily and close
 * once; the decoder calls it per event and `closeAll` at the end, so every block that started also ends.
 */
export function createOutputTracker(emit: (part: HubStreamPart) => void) {
  const items = new Map<Key, ItemState>();
  let blockCount = 0;
  const newId = (kind: string) => `${kind}-${blockCount++}`;

  const itemAt = (key: Key): ItemState => {
    let state = items.get(key);
    if (!state) {
      state = { texts: new Map() };
      items.set(key, state);
    }
    return state;
  };

  const textBlock = (key: Key, index: number): TextBlock => {
    const state = itemAt(key);
    let block = state.texts.get(index);
    if (!block) {
      block = { hubId: newId("text"), open: true, sawDelta: false };
      state.texts.set(index, block);
      emit({ type: "text-start", id: block.hubId });
    }
    return block;
  };

  const textDelta = (key: Key, index: number, delta: string) => {
    if (delta === "") return;
    const block = textBlock(key, index);
    if (!block.open) return;
    block.sawDelta = true;
    emit({ type: "text-delta", id: block.hubId, delta });
  };

  /** Ends a text block; a `.done` whose text never came as deltas sends it as one delta first. */
  const textEnd = (key: Key, index: number, full: string) => {
    const existing = items.get(key)?.texts.get(index);
    const block = existing ?? (full !== "" ? textBlock(key, index) : undefined);
    if (!block?.open) return;
    if (!block.sawDelta && full !== "") emit({ type: "text-delta", id: block.hubId, delta: full });
    block.open = false;
    emit({ type: "text-end", id: block.hubId });
  };

  const toolAt = (key: Key, item: Record<string, unknown>): TrackedToolCall => {
    const state = itemAt(key);
    state.tool ??= newTrackedToolCall(newId("tool"), item);
    return state.tool;
  };
  const finishTool = (tool: TrackedToolCall, argumentsText?: string, name?: string, callId?: string) =>
    finishToolCall(tool, emit, argumentsText, name, callId);

  const reasoningAt = (key: Key): ReasoningState => {
    const state = itemAt(key);
    state.reasoning ??= { hubId: newId("reasoning"), started: false, ended: false, sawText: false };
    return state.reasoning;
  };

  const startReasoning = (reasoning: ReasoningState) => {
    if (reasoning.started) return;
    reasoning.started = true;
    emit({ type: "reasoning-start", id: reasoning.hubId });
  };

  const reasoningDelta = (key: Key, part: string, delta: string) => {
    const reasoning = reasoningAt(key);
    if (delta === "" || reasoning.ended) return;
    startReasoning(reasoning);
    if (reasoning.sawText && reasoning.lastPart !== part) emit({ type: "reasoning-delta", id: reasoning.hubId, delta: "\n\n" });
    reasoning.lastPart = part;
    reasoning.sawText = true;
    emit({ type: "reasoning-delta", id: reasoning.hubId, delta });
  };

  /** A finished reasoning item: summary text not streamed before, then its encrypted content as the signature. */
  const reasoningDone = (key: Key, decoded: HubReasoningPart | undefined) => {
    const reasoning = reasoningAt(key);
    if (reasoning.ended) return;
    if (!reasoning.sawText && decoded && decoded.text !== "") reasoningDelta(key, "done", decoded.text);
    if (decoded?.signature) {
      startReasoning(reasoning);
      emit({ type: "reasoning-signature", id: reasoning.hubId, signature: decoded.signature });
    }
    reasoning.ended = true;
    if (reasoning.started) emit({ type: "reasoning-end", id: reasoning.hubId });
  };

  const messageDone = (key: Key, item: Record<string, unknown>) => {
    const content = Array.isArray(item.content) ? item.content : [];
    content.forEach((part, index) => {
      const full = isRecord(part) ? (stringField(part, "text") ?? stringField(part, "refusal") ?? "") : "";
      textEnd(key, index, full);
    });
    for (const [index, block] of itemAt(key).texts) if (block.open) textEnd(key, index, "");
  };

  return {
    added(key: Key, item: Record<string, unknown>) {
      if (item.type === "function_call" || item.type === "custom_tool_call") startToolCall(toolAt(key, item), emit);
    },
    itemDone(key: Key, item: Record<string, unknown>, decodedReasoning: HubReasoningPart | undefined) {
      if (item.type === "message") return messageDone(key, item);
      if (item.type === "reasoning") return reasoningDone(key, decodedReasoning);
      if (item.type !== "function_call" && item.type !== "custom_tool_call") return;
      const input = stringField(item, "input");
      const argumentsText = item.type === "function_call" ? stringField(item, "arguments") : input === undefined ? undefined : JSON.stringify({ input });
      finishTool(toolAt(key, item), argumentsText, stringField(item, "name"), stringField(item, "call_id"));
    },
    textStart: (key: Key, index: number) => void textBlock(key, index),
    textDelta,
    textEnd,
    toolDelta(key: Key, delta: string) {
      const tool = toolAt(key, {});
      if (!tool.ended) tool.buffered += delta;
    },
    toolEnd(key: Key, argumentsText: string | undefined, name: string | undefined) {
      finishTool(toolAt(key, {}), argumentsText, name);
    },
    reasoningDelta,
    /** Ends every open block; a call whose name never arrived cannot be expressed and is left out. */
    closeAll() {
      for (const state of items.values()) {
        for (const block of state.texts.values()) {
          if (!block.open) continue;
          block.open = false;
          emit({ type: "text-end", id: block.hubId });
        }
        if (state.tool?.started) finishTool(state.tool);
        if (state.reasoning?.started && !state.reasoning.ended) {
          state.reasoning.ended = true;
          emit({ type: "reasoning-end", id: state.reasoning.hubId });
        }
      }
    },
    sawToolCall: () => [...items.values()].some((state) => state.tool?.started === true),
  };
}
