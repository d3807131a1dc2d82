import type { HubRequest } from "../../core/hub/index.ts";

/**
 * The hub's sampling fields → Ollama's `options` (Modelfile parameter names); undefined when there are none, so
 * the model's own defaults apply. `num_predict` is the output limit.
 */
export function encodeOptions(request: HubRequest): Record<string, unknown> | undefined {
  const options: Record<string, unknown> = {};
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.top_p = request.topP;
  if (request.topK !== undefined) options.top_k = request.topK;
  if (request.seed !== undefined) options.seed = request.seed;
  if (request.stopSequences && request.stopSequences.length > 0) options.stop = request.stopSequences;
  if (request.maxOutputTokens !== undefined) options.num_predict = request.maxOutputTokens;
  if (request.presencePenalty !== undefined) options.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) options.frequency_penalty = request.frequencyPenalty;
  return Object.keys(options).length > 0 ? options : undefined;
}
