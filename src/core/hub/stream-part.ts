import type { HubFinishReason, HubUsage } from "./result.ts";

/**
 * The hub's stream vocabulary: start / delta / end per block, bracketed by message-start and message-end.
 * Decoders (upstream wire → parts) and encoders (parts → client wire) are pure step functions with explicit
 * state plus a flush that closes whatever is open, so every stream ends well-formed, even after an error.
 * `id` identifies a block within one message; parallel tool calls interleave by id.
 */
export type HubStreamPart =
  | { type: "message-start"; id: string; model: string; usage?: Partial<HubUsage> }
  | { type: "text-start"; id: string }
  | { type: "text-delta"; id: string; delta: string }
  | { type: "text-end"; id: string }
  | { type: "reasoning-start"; id: string; redacted?: boolean }
  | { type: "reasoning-delta"; id: string; delta: string }
  /** The opaque signature that must accompany the reasoning when it is sent back. */
  | { type: "reasoning-signature"; id: string; signature: string }
  | { type: "reasoning-end"; id: string }
  | { type: "tool-call-start"; id: string; toolCallId: string; toolName: string }
  | { type: "tool-call-delta"; id: string; inputDelta: string }
  | { type: "tool-call-end"; id: string }
  | { type: "message-end"; finishReason: HubFinishReason; stopSequence?: string; usage: Partial<HubUsage> }
  | { type: "error"; error: { status: number; type: string; message: string } };
