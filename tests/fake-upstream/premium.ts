import type { FakeState } from "./state";
import type { FakeModel, RecordedRequest } from "./types";

/** User-initiated turns cost the model's multiplier in premium requests; agent turns are free. */
export function chargePremium(state: FakeState, rec: RecordedRequest, model: FakeModel): void {
  if (rec.headers["x-initiator"] === "agent") return;
  state.premiumUsed += model.multiplier ?? 1;
}
