import type { DialectId, WireOptions } from "../../protocols/dialect.ts";
import type { Provider } from "../provider.ts";
import { filterAnthropicBetas, removeRejectedAnthropicFields } from "./anthropic-quirks.ts";
import type { CopilotClient } from "./copilot-client.ts";
import { type CopilotModel, wantsMaxCompletionTokens } from "./model.ts";
import { prepareCopilotResponses } from "./responses-quirks.ts";

/** Copilot's inference endpoints and the wire each speaks (PROTOCOL.md §5). */
const wireByEndpoint: Record<string, DialectId> = {
  "/chat/completions": "openai-chat",
  "/responses": "openai-responses",
  "/v1/messages": "anthropic-messages",
};
const endpointByWire = Object.fromEntries(Object.entries(wireByEndpoint).map(([endpoint, wire]) => [wire, endpoint])) as Record<DialectId, string>;

/** GPT-5-family chat bodies must say `max_completion_tokens` (PROTOCOL.md §5). */
function prepareCopilotChat(body: Record<string, unknown>, model: CopilotModel): string[] {
  if (body.max_tokens == null || !wantsMaxCompletionTokens(model)) return [];
  body.max_completion_tokens ??= body.max_tokens;
  delete body.max_tokens;
  return ["max_tokens → max_completion_tokens"];
}

const numberOr = (value: unknown, fallback: number) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);

/** The Copilot provider: models' wires come from `supported_endpoints`; every call goes through the Copilot client. */
export function createCopilotProvider(client: CopilotClient): Provider {
  return {
    id: "copilot",
    wires(model) {
      if (model.capabilities?.type === "embeddings") return [];
      const endpoints = model.supported_endpoints?.length ? model.supported_endpoints : ["/chat/completions"];
      return endpoints.flatMap((endpoint) => (wireByEndpoint[endpoint] ? [wireByEndpoint[endpoint]] : []));
    },
    wireOptions(model): WireOptions {
      const supports = model.capabilities?.supports ?? {};
      const thinks = supports.thinking === true || supports.max_thinking_budget !== undefined;
      const effort = supports.reasoning_effort;
      return {
        useMaxCompletionTokens: wantsMaxCompletionTokens(model),
        ...(thinks
          ? { thinkingBudget: { min: numberOr(supports.min_thinking_budget, 1024), max: numberOr(supports.max_thinking_budget, 32_000) } }
          : {}),
        reasoningEffort: (Array.isArray(effort) && effort.length > 0) || effort === true || (!thinks && wantsMaxCompletionTokens(model)),
        ...(model.capabilities?.limits?.max_output_tokens ? { maxOutputTokens: model.capabilities.limits.max_output_tokens } : {}),
      };
    },
    prepare(wire, body, model) {
      if (wire === "openai-chat") return prepareCopilotChat(body, model);
      if (wire === "anthropic-messages") return removeRejectedAnthropicFields(body);
      if (wire === "openai-responses") return prepareCopilotResponses(body);
      return [];
    },
    label: (wire) => endpointByWire[wire] ?? wire,
    send(call) {
      let headers: Record<string, string> | undefined;
      if (call.wire === "anthropic-messages") {
        // Copilot speaks the one stable Messages version (PROTOCOL.md §4); newer SDKs send dates it may not know.
        headers = { "anthropic-version": "2023-06-01" };
        const betas = filterAnthropicBetas(call.clientHeaders.get("anthropic-beta"));
        if (betas) headers["anthropic-beta"] = betas;
      }
      return client.send({
        path: endpointByWire[call.wire],
        body: call.body,
        requestId: call.requestId,
        initiator: call.initiator,
        interactionType: call.interactionType,
        vision: call.vision,
        signal: call.signal,
        headers,
      });
    },
  };
}

