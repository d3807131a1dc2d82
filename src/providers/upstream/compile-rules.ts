import type { UpstreamProviderSettings } from "../../config/provider-settings.ts";
import type { UpstreamRules } from "./upstream-provider.ts";

/** Compiles a provider's `headers` and `transforms` once (TEMPORARY: header mode only, until rules/ lands). */
export function compileUpstreamRules(settings: Pick<UpstreamProviderSettings, "headers" | "transforms">): UpstreamRules {
  void settings;
  return { headers: () => ({}) };
}
