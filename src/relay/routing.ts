import { patternMatches } from "../config/model-routes.ts";
import type { ModelCard, Provider } from "../providers/provider.ts";

/** Who answers a model: the provider, and the card of the model as that provider knows it (its own id). */
export interface Target {
  provider: Provider;
  model: ModelCard;
}

/** One `models:` entry, compiled: its pattern and the provider that serves it (with the route's own overrides). */
export interface CompiledRoute {
  pattern: string;
  provider: Provider;
  /** The upstream id when the route renames (an alias); else the client's id goes upstream. */
  model?: string;
}

export interface RoutingInput {
  copilot: Provider;
  /** Every configured provider but Copilot, by name. */
  providers: Provider[];
  routes: CompiledRoute[];
  /** Copilot's catalogue, without waiting (undefined: not ready, or an id it does not know). */
  copilotKnown(id: string): ModelCard | undefined;
  /** Copilot's catalogue, waiting for readiness and refreshing once; throws the 404 for an unknown id. */
  copilotFind(id: string, filter?: (model: ModelCard) => boolean): Promise<ModelCard>;
  /** `fallbacks:` from the config file: model → alternatives, each routed like a client's id. */
  fallbacks?: Record<string, string[]>;
}

export interface Routing {
  /** The target without an await, when it is known now (the hot path). */
  known(requested: string): Target | undefined;
  /** The target, or the 404 in the caller's dialect (via RelayError) for an id no route or catalogue knows. */
  find(requested: string, filter?: (model: ModelCard) => boolean): Promise<Target>;
  /** The target first, then its configured fallbacks that resolve, no target twice. */
  candidates(primary: Target): Target[];
  copilot: Provider;
  /** Every provider, Copilot first. */
  providers(): Provider[];
  /**
   * The other providers' models as clients should ask for them (the bare id where a route sends it to that
   * provider, else `provider/id`), from listings cached for a minute; a provider that is down is reported in
   * `listingProblems`, not fatal.
   */
  listed(): Promise<ModelCard[]>;
  listingProblems(): string[];
  /** What the last listings said, without waiting (for /readyz and the dashboard): models per provider, or why not. */
  listingSummary(): { provider: string; models?: number; ids?: string[]; problem?: string }[];
}

/** How long a provider's model listing is reused. */
const LISTING_TTL_MS = 60_000;

/**
 * Model routing (issue 11): an exact `models:` entry, then a `provider/model` prefix, then the first `models:`
 * pattern that matches, and Copilot's catalogue for everything else, so a Copilot-only user configures nothing and
 * pays one map lookup. No provider is named here.
 */
export function createRouting(input: RoutingInput): Routing {
  const { copilot } = input;
  const byName = new Map<string, Provider>([[copilot.id, copilot], ...input.providers.map((provider) => [provider.id, provider] as const)]);
  const exact = new Map(input.routes.filter((route) => !route.pattern.includes("*")).map((route) => [route.pattern, route]));
  const patterns = input.routes.filter((route) => route.pattern.includes("*"));
  const plain = input.routes.length === 0 && input.providers.length === 0;
  // Ollama clients add `:latest` to names without a tag (the relay's /api/tags lists them so); only Ollama wants it.
  const card = (provider: Provider, requestedId: string): ModelCard => {
    const id = requestedId.endsWith(":latest") && !provider.wires({ id: requestedId }).includes("ollama-chat") ? requestedId.slice(0, -":latest".length) : requestedId;
    return provider.card?.(id) ?? { id, provider: provider.id };
  };

  /** The provider and upstream id a requested id routes to, or undefined for Copilot's catalogue as it is. */
  const route = (requested: string): { provider: Provider; id: string } | undefined => {
    const named = exact.get(requested);
    if (named) return { provider: named.provider, id: named.model ?? requested };
    const slash = requested.indexOf("/");
    if (slash > 0) {
      const provider = byName.get(requested.slice(0, slash));
      if (provider) return { provider, id: requested.slice(slash + 1) };
    }
    const matched = patterns.find((candidate) => patternMatches(candidate.pattern, requested));
    return matched ? { provider: matched.provider, id: matched.model ?? requested } : undefined;
  };

  const known = (requested: string): Target | undefined => {
    if (plain) {
      const model = input.copilotKnown(requested);
      return model && { provider: copilot, model };
    }
    const routed = route(requested);
    if (routed && routed.provider !== copilot) return { provider: routed.provider, model: card(routed.provider, routed.id) };
    const model = input.copilotKnown(routed?.id ?? requested);
    return model && { provider: copilot, model };
  };

  const listings = new Map<Provider, { at: number; cards: ModelCard[]; error?: string }>();
  const refresh = async (provider: Provider) => {
    const cached = listings.get(provider);
    if (cached && Date.now() - cached.at < LISTING_TTL_MS) return;
    try {
      const cards = (await provider.listModels?.()) ?? [];
      listings.set(provider, { at: Date.now(), cards });
    } catch (error) {
      // Keep the last good listing; say why it is stale.
      listings.set(provider, { at: Date.now(), cards: cached?.cards ?? [], error: `${provider.id}: ${(error as Error).message}` });
    }
  };
  const shownId = (provider: Provider, id: string) => (route(id)?.provider.id === provider.id ? id : `${provider.id}/${id}`);

  return {
    copilot,
    providers: () => [...byName.values()],
    async listed() {
      await Promise.all(input.providers.map(refresh));
      return input.providers.flatMap((provider) =>
        (listings.get(provider)?.cards ?? []).map((card) => ({ ...card, id: shownId(provider, card.id), vendor: provider.id, provider: provider.id })),
      );
    },
    listingSummary: () =>
      input.providers.map((provider) => {
        const listing = listings.get(provider);
        return {
          provider: provider.id,
          models: listing?.cards.length,
          // The ids as clients send them, at most 50 (a provider such as OpenRouter lists hundreds).
          ids: listing?.cards.slice(0, 50).map((card) => shownId(provider, card.id)),
          ...(listing?.error ? { problem: listing.error } : {}),
        };
      }),
    listingProblems: () => [...listings.values()].flatMap((entry) => (entry.error ? [entry.error] : [])),
    known,
    async find(requested, filter) {
      const target = known(requested);
      if (target) return target;
      const routed = plain ? undefined : route(requested);
      return { provider: copilot, model: await input.copilotFind(routed?.id ?? requested, filter) };
    },
    candidates(primary) {
      const fallbacks = input.fallbacks;
      if (!fallbacks) return [primary];
      const same = (a: Target, b: Target) => a.provider === b.provider && a.model.id === b.model.id;
      const key = Object.keys(fallbacks).find((name) => {
        const target = known(name);
        return target !== undefined && same(target, primary);
      });
      const alternatives = key === undefined ? [] : (fallbacks[key] ?? []).flatMap((name) => known(name) ?? []);
      return [primary, ...alternatives].filter((target, index, all) => all.findIndex((other) => same(other, target)) === index);
    },
  };
}
