import type { UpstreamProviderSettings } from "../../config/provider-settings.ts";
import { compileBodyTransforms, compileHeaderRules, type RulePath } from "../rules/index.ts";
import type { UpstreamRules } from "./upstream-provider.ts";

/**
 * Compiles a provider's (or a model route's) `headers` and `transforms` once, at config load: header rules always,
 * request and response transforms only when configured, so a provider without them pays nothing per request.
 * Throws a ConfigError listing every bad header, regex or JSONPath under `at` (e.g. providers.zai).
 */
export function compileUpstreamRules(settings: Pick<UpstreamProviderSettings, "headers" | "transforms">, at: RulePath = []): UpstreamRules {
  const headers = compileHeaderRules(settings.headers, [...at, "headers"]);
  const body = compileBodyTransforms(settings.transforms, [...at, "transforms"]);
  const event = body.hasResponse ? body.createEventTransform() : undefined;
  return {
    headers: headers.apply,
    ...(body.hasRequest ? { request: body.request } : {}),
    ...(event
      ? {
          response: {
            json: (answer: unknown) => {
              body.response(answer);
              return answer;
            },
            event,
          },
        }
      : {}),
  };
}
