import type { ModelRouteSettings, ProviderSettings, UpstreamProviderSettings } from "../config/provider-settings.ts";
import { resolveModelRoutes } from "../config/model-routes.ts";
import { resolveProviders } from "../config/resolve-providers.ts";
import type { Config } from "../config/schema.ts";
import type { Logger } from "../core/logger.ts";
import type { FetchLike } from "../providers/copilot/copilot-client.ts";
import { policyOf } from "../providers/policy.ts";
import type { ModelCard, Provider } from "../providers/provider.ts";
import { providerFactories } from "../providers/registry.ts";
import { compileUpstreamRules } from "../providers/upstream/compile-rules.ts";
import { type CompiledRoute, createRouting, type Routing } from "../relay/routing.ts";

export interface RoutingBuildInput {
  config: Config;
  env: Record<string, string | undefined>;
  copilot: Provider;
  fetch: FetchLike;
  logger: Logger;
  copilotKnown(id: string): ModelCard | undefined;
  copilotFind(id: string, filter?: (model: ModelCard) => boolean): Promise<ModelCard>;
}

/** A route's own headers, transforms, timeouts and retry over its provider's, field by field. */
function withRoute<S extends ProviderSettings>(settings: S, route: ModelRouteSettings): S {
  return {
    ...settings,
    headers: route.headers ?? settings.headers,
    transforms: route.transforms ?? settings.transforms,
    timeouts: { ...settings.timeouts, ...route.timeouts },
    retry: { ...settings.retry, ...route.retry },
  };
}

const hasOverrides = (route: ModelRouteSettings) => route.headers !== undefined || route.transforms !== undefined || route.timeouts !== undefined || route.retry !== undefined;

/**
 * The routing a config describes: one provider per `providers:` entry (its rules compiled once, here), one per
 * `models:` entry that tunes its provider, and Copilot for the rest. Throws a ConfigError listing every problem,
 * so a reload with a bad file keeps the routing that is live.
 */
export function buildRouting(input: RoutingBuildInput): Routing {
  const { config, logger } = input;
  const settings = resolveProviders(config, input.env);
  const copilotSettings = settings.find((entry) => entry.type === "copilot");
  const copilot: Provider = copilotSettings && (config.providers?.copilot !== undefined) ? { ...input.copilot, policy: policyOf(copilotSettings) } : input.copilot;
  const build = (entry: UpstreamProviderSettings, at: readonly string[]): Provider =>
    providerFactories[entry.type]({ settings: entry, fetch: input.fetch, rules: compileUpstreamRules(entry, at) });
  const upstream = new Map<string, { settings: UpstreamProviderSettings; provider: Provider }>();
  for (const entry of settings) {
    if (entry.type === "copilot") continue;
    if (!entry.tlsVerify) logger.warn(`Provider ${entry.name}: TLS certificate verification is off (tlsVerify: false); its traffic can be intercepted.`);
    upstream.set(entry.name, { settings: entry, provider: build(entry, ["providers", entry.name]) });
  }
  const modelRoutes = resolveModelRoutes(config);
  // Copilot's requests keep Copilot's own headers and bodies: header rules and transforms apply to other providers.
  const copilotRules = [
    ...(copilotSettings && (copilotSettings.headers || copilotSettings.transforms) ? ["providers.copilot"] : []),
    ...modelRoutes.flatMap((route) => (!upstream.has(route.provider) && (route.headers || route.transforms) ? [`models.${route.pattern}`] : [])),
  ];
  if (copilotRules.length > 0) logger.warn(`headers and transforms are not applied to Copilot requests; ignored at ${copilotRules.join(", ")}`);
  const routes: CompiledRoute[] = modelRoutes.map((route) => {
    const named = upstream.get(route.provider);
    let provider: Provider;
    if (!named) provider = hasOverrides(route) && copilotSettings ? { ...copilot, policy: policyOf(withRoute(copilotSettings, route)) } : copilot;
    else provider = hasOverrides(route) ? build(withRoute(named.settings, route), ["models", route.pattern]) : named.provider;
    return { pattern: route.pattern, provider, model: route.model };
  });
  return createRouting({
    copilot,
    providers: [...upstream.values()].map((entry) => entry.provider),
    routes,
    copilotKnown: input.copilotKnown,
    copilotFind: input.copilotFind,
    fallbacks: config.fallbacks,
  });
}
