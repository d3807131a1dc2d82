import type { HubRequest } from "../../core/hub/index.ts";
import type { OllamaOptions } from "./schema.ts";

type SamplingFields = Pick<
  HubRequest,
  "temperature" | "topP" | "topK" | "maxOutputTokens" | "stopSequences" | "seed" | "presencePenalty" | "frequencyPenalty"
>;

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/**
 * Ollama's `options` → the hub's sampling fields. `num_predict` is a limit only when positive (-1: until the model
 * stops, -2: until the context fills; both mean "no limit" here). `num_ctx` and the runner options (`num_gpu`,
 * `num_thread`, …) size a local model's memory and have no effect on a hosted one, so they are ignored.
 */
export function decodeOptions(options: OllamaOptions | null | undefined): SamplingFields {
  if (!options) return {};
  const fields: SamplingFields = {};
  if (isNumber(options.temperature)) fields.temperature = options.temperature;
  if (isNumber(options.top_p)) fields.topP = options.top_p;
  if (isNumber(options.top_k)) fields.topK = options.top_k;
  if (isNumber(options.num_predict) && options.num_predict > 0) fields.maxOutputTokens = options.num_predict;
  const stop = typeof options.stop === "string" ? [options.stop] : (options.stop ?? []);
  const stopSequences = stop.filter((sequence) => sequence !== "");
  if (stopSequences.length > 0) fields.stopSequences = stopSequences;
  if (isNumber(options.seed)) fields.seed = options.seed;
  if (isNumber(options.presence_penalty)) fields.presencePenalty = options.presence_penalty;
  if (isNumber(options.frequency_penalty)) fields.frequencyPenalty = options.frequency_penalty;
  return fields;
}
