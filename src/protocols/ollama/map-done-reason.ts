import type { HubFinishReason } from "../../core/hub/index.ts";

/**
 * Ollama's `done_reason`: "length" when the output limit cut the answer, else "stop" (Ollama says "stop" after tool
 * calls too; "load" and "unload" belong to requests without a prompt).
 */
export function mapDoneReason(reason: HubFinishReason): "stop" | "length" {
  return reason === "length" ? "length" : "stop";
}
