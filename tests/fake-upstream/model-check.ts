import { findModel } from "./config";
import { copilotError } from "./http";
import { modelSupports } from "./model-objects";
import type { FakeState } from "./state";
import type { FakeModel } from "./types";

export const INVALID_REQUEST = { type: "invalid_request_error" };

/** Shared model checks for every Copilot inference endpoint. */
export function checkModel(
  state: FakeState,
  id: unknown,
  endpoint: string,
): { model: FakeModel } | { error: Response } {
  const model = findModel(state.options, id);
  if (model === undefined) {
    return {
      error: copilotError(400, "The requested model is not supported.", "model_not_supported", {
        param: "model",
        ...INVALID_REQUEST,
      }),
    };
  }
  if (!modelSupports(model, endpoint)) {
    const message = `model "${model.id}" is not accessible via the ${endpoint} endpoint`;
    return { error: copilotError(400, message, "unsupported_api_for_model", { param: "model", ...INVALID_REQUEST }) };
  }
  return { model };
}
