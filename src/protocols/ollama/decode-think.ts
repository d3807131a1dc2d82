import type { HubReasoningConfig } from "../../core/hub/index.ts";
import type { OllamaThink } from "./schema.ts";

/**
 * `think`: `true` asks a thinking model to think (medium effort, the usual default), a level picks the effort
 * ("max" is the hub's "xhigh"), `false` turns thinking off. Absent leaves the model's default.
 */
export function decodeThink(think: OllamaThink | null | undefined): HubReasoningConfig | undefined {
  if (think === undefined || think === null) return undefined;
  if (think === true) return { effort: "medium" };
  if (think === false) return { disabled: true };
  return { effort: think === "max" ? "xhigh" : think };
}
