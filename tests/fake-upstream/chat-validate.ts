import { copilotError, isRecord } from "./http";
import { checkModel, INVALID_REQUEST } from "./model-check";
import { modelFamily } from "./model-objects";
import { promptTooLong } from "./prompt-limit";
import type { FakeState } from "./state";
import type { FakeModel, RecordedRequest } from "./types";

function hasImage(messages: unknown[]): boolean {
  return messages.some(
    (m) => isRecord(m) && Array.isArray(m.content) && m.content.some((p) => isRecord(p) && p.type === "image_url"),
  );
}

/** Validates a chat completions body; returns the model or the error response Copilot would send. */
export function validateChat(
  state: FakeState,
  rec: RecordedRequest,
): { body: Record<string, unknown>; messages: unknown[]; model: FakeModel } | { error: Response } {
  const body = rec.json;
  if (!isRecord(body) || !Array.isArray(body.messages)) {
    return { error: copilotError(400, "invalid request body: messages is required", "invalid_request_body") };
  }
  const checked = checkModel(state, body.model, "/chat/completions");
  if ("error" in checked) return checked;
  const { model } = checked;
  if (hasImage(body.messages) && rec.headers["copilot-vision-request"] !== "true") {
    return {
      error: copilotError(400, "missing required Copilot-Vision-Request header for vision requests", "invalid_request_body"),
    };
  }
  if (modelFamily(model).startsWith("gpt-5") && body.max_tokens !== undefined && body.max_tokens !== null) {
    const message =
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
    return { error: copilotError(400, message, "unsupported_parameter", { param: "max_tokens", ...INVALID_REQUEST }) };
  }
  const tooLong = promptTooLong(body.messages);
  if (tooLong !== undefined) return { error: tooLong };
  return { body, messages: body.messages, model };
}
