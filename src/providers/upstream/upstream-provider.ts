import type { UpstreamProviderSettings } from "../../config/provider-settings.ts";
import { RelayError } from "../../core/relay-error.ts";
import type { DialectId, Framing, WireOptions } from "../../protocols/dialect.ts";
import type { FetchLike } from "../copilot/copilot-client.ts";
import { policyOf } from "../policy.ts";
import type { ModelCard, Provider, ProviderCall } from "../provider.ts";
import { transformEventStream } from "./event-transform.ts";

/** A provider's configured header rules and body transforms, compiled once at config load (see rules/). */
export interface UpstreamRules {
  /** The client headers this provider receives (its mode, then set / add / drop); credentials never pass. */
  headers(client: Headers): Record<string, string>;
  /** Request transforms, in place; true when one changed the body. Absent when none are configured. */
  request?: (body: Record<string, unknown>) => boolean;
  /** Response transforms: a non-streamed JSON answer, and one stream event's JSON text. Absent when none are configured. */
  response?: { json(body: unknown): unknown; event(json: string): string };
}

/** Where one wire's calls go on this provider's API and how its streams are framed. */
export interface UpstreamWire {
  path: string;
  framing: Framing;
}

/** What one provider type says about its API; the rest (sending, rules, listing) is shared. */
export interface UpstreamSpec {
  settings: UpstreamProviderSettings;
  wires: Partial<Record<DialectId, UpstreamWire>>;
  /** The API's credential and fixed headers (`Authorization: Bearer`, `x-api-key` + `anthropic-version` …). */
  authHeaders(apiKey: string | undefined): Record<string, string>;
  /** Headers one call adds (e.g. the client's `anthropic-beta`). */
  callHeaders?(call: ProviderCall): Record<string, string> | undefined;
  /** GET this path for the model listing and read the ids from the answer. */
  models?: { path: string; ids(json: unknown): string[] };
  wireOptions?(model: ModelCard): WireOptions;
  /** What this API rejects, edited in place (notes as Provider.prepare). */
  prepare?(wire: DialectId, body: Record<string, unknown>, model: ModelCard): string[];
  fetch: FetchLike;
  rules: UpstreamRules;
}

/** What a provider type's factory gets: its settings, the fetch to use, and its compiled rules. */
export interface UpstreamContext {
  settings: UpstreamProviderSettings;
  fetch: FetchLike;
  rules: UpstreamRules;
}

/** `Authorization: Bearer <key>` when the provider has a key. */
export const bearer = (apiKey: string | undefined): Record<string, string> => (apiKey ? { authorization: `Bearer ${apiKey}` } : {});

const defaultWireOptions: WireOptions = { useMaxCompletionTokens: false, reasoningEffort: true };
const STREAM_TYPES = /^(text\/event-stream|application\/x-ndjson)/;

/**
 * The shared half of every API-key provider (openai, anthropic, ollama …): the call goes to `baseUrl + path`
 * with the provider's own credentials only (client credentials are stripped by the header rules; the Copilot
 * token is never here), through its proxy and TLS settings, with its request and response transforms.
 */
export function createUpstreamProvider(spec: UpstreamSpec): Provider {
  const { settings, rules } = spec;
  const wireIds = Object.keys(spec.wires) as DialectId[];
  const cards = new Map<string, ModelCard>();
  const cardOf = (id: string): ModelCard => {
    let card = cards.get(id);
    if (!card) {
      card = { id, name: id, vendor: settings.name, provider: settings.name, capabilities: { type: "chat" } };
      cards.set(id, card);
    }
    return card;
  };
  for (const id of settings.models ?? []) cardOf(id);
  const extra: { tls?: { rejectUnauthorized: boolean }; proxy?: string } = {};
  if (!settings.tlsVerify) extra.tls = { rejectUnauthorized: false };
  if (settings.proxy) extra.proxy = settings.proxy;
  const origin = URL.canParse(settings.baseUrl) ? new URL(settings.baseUrl).origin : settings.baseUrl;

  const request = async (path: string, init: RequestInit): Promise<Response> => {
    try {
      return await spec.fetch(`${settings.baseUrl}${path}`, { ...init, ...extra } as RequestInit);
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new RelayError("upstream", `Could not reach the ${settings.name} provider at ${origin}: ${(error as Error).message}`, { status: 502, cause: error });
    }
  };

  const transformAnswer = async (response: Response, framing: Framing): Promise<Response> => {
    const transform = rules.response;
    if (!transform || !response.ok) return response;
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    headers.delete("content-encoding");
    if (response.body && STREAM_TYPES.test(response.headers.get("content-type") ?? "")) {
      return new Response(transformEventStream(response.body, framing, transform.event), { status: response.status, headers });
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return new Response(text, { status: response.status, headers });
    }
    return new Response(JSON.stringify(transform.json(json)), { status: response.status, headers });
  };

  return {
    id: settings.name,
    wires: () => wireIds,
    wireOptions: (model) => spec.wireOptions?.(model) ?? defaultWireOptions,
    prepare(wire, body, model) {
      const notes = spec.prepare?.(wire, body, model) ?? [];
      if (rules.request?.(body)) notes.push("request transforms");
      return notes;
    },
    async send(call) {
      const wire = spec.wires[call.wire];
      if (!wire) throw new RelayError("internal", `The ${settings.name} provider does not speak ${call.wire}`);
      const headers = { ...rules.headers(call.clientHeaders), ...spec.callHeaders?.(call), ...spec.authHeaders(settings.apiKey), "content-type": "application/json" };
      const response = await request(wire.path, { method: "POST", headers, body: call.body, signal: call.signal });
      return transformAnswer(response, wire.framing);
    },
    label: (wire) => `${settings.name} ${spec.wires[wire]?.path ?? wire}`,
    card: cardOf,
    listModels: spec.models
      ? async () => {
          const listing = spec.models as NonNullable<UpstreamSpec["models"]>;
          const response = await request(listing.path, { method: "GET", headers: spec.authHeaders(settings.apiKey), signal: AbortSignal.timeout(10_000) });
          if (!response.ok) throw new RelayError("upstream", `${settings.name} answered HTTP ${response.status} to ${listing.path}`, { status: 502 });
          const ids = listing.ids(await response.json());
          return [...new Set([...(settings.models ?? []), ...ids])].map(cardOf);
        }
      : async () => (settings.models ?? []).map(cardOf),
    policy: policyOf(settings),
  };
}
