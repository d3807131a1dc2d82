import { checkModel } from "./model-check";
import { defaultReply } from "./chat-script";
import { approxTokens, copilotError, isRecord, json } from "./http";
import { chargePremium } from "./premium";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

/** POST /copilot/v1/messages — minimal non-streaming Anthropic Messages reply. */
export function handleMessages(state: FakeState, rec: RecordedRequest): Response {
  const body = rec.json;
  if (!isRecord(body) || !Array.isArray(body.messages)) {
    return copilotError(400, "invalid request body: messages is required", "invalid_request_body");
  }
  const checked = checkModel(state, body.model, "/v1/messages");
  if ("error" in checked) return checked.error;
  const { model } = checked;
  chargePremium(state, rec, model);
  state.serial.response += 1;
  const text = defaultReply(model.id);
  return json({
    id: `msg_fake_${state.serial.response}`,
    type: "message",
    role: "assistant",
    model: model.id,
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: {
      input_tokens: approxTokens(rec.body),
      output_tokens: approxTokens(text),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  });
}
