import { checkModel } from "./model-check";
import { defaultReply } from "./chat-script";
import { approxTokens, copilotError, isRecord, json, nowSeconds } from "./http";
import { chargePremium } from "./premium";
import type { FakeState } from "./state";
import type { RecordedRequest } from "./types";

/** POST /copilot/responses — minimal non-streaming OpenAI Responses API reply. */
export function handleResponses(state: FakeState, rec: RecordedRequest): Response {
  const body = rec.json;
  if (!isRecord(body)) return copilotError(400, "invalid request body", "invalid_request_body");
  const checked = checkModel(state, body.model, "/responses");
  if ("error" in checked) return checked.error;
  const { model } = checked;
  chargePremium(state, rec, model);
  state.serial.response += 1;
  const n = state.serial.response;
  const text = defaultReply(model.id);
  const input = approxTokens(rec.body);
  const output = approxTokens(text);
  return json({
    id: `resp_${n}`,
    object: "response",
    created_at: nowSeconds(),
    status: "completed",
    model: model.id,
    output: [
      {
        type: "message",
        id: `msg_${n}`,
        status: "completed",
        role: "assistant",
        content: [{ type: "output_text", text, annotations: [] }],
      },
    ],
    usage: {
      input_tokens: input,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: output,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: input + output,
    },
  });
}
