import type { Config } from "../../config/schema.ts";
import { proxyFor } from "../../core/proxy.ts";
import { RelayError } from "../../core/relay-error.ts";
import type { CopilotTokenManager } from "../../services/copilot-token-manager.ts";
import { type CopilotRequestHeaders, copilotBaseUrl, copilotHeaders, editorHeaders } from "./headers.ts";
import type { CopilotModel } from "./model.ts";
import { upstreamError } from "../upstream-error.ts";

export type FetchLike = (input: string | URL | Request, init?: RequestInit & { proxy?: string }) => Promise<Response>;

export interface CopilotCall extends Omit<CopilotRequestHeaders, "token"> {
  path: string;
  method?: "GET" | "POST";
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** Extra upstream headers, e.g. anthropic-version on /v1/messages. */
  headers?: Record<string, string>;
}

export interface CopilotClient {
  /** Sends one request; a 401 refreshes the token once and retries. Non-2xx answers are returned, not thrown. */
  send(call: CopilotCall): Promise<Response>;
  listModels(): Promise<CopilotModel[]>;
  baseUrl(): string;
}

export interface CopilotClientInput {
  config: Config;
  tokens: CopilotTokenManager;
  fetch: FetchLike;
  env: Record<string, string | undefined>;
}

export function createCopilotClient(input: CopilotClientInput): CopilotClient {
  const { config, tokens } = input;
  // The base changes only when a new token advertises another endpoint: worked out once per endpoint.
  let advertised: string | undefined;
  let base = copilotBaseUrl(config, undefined);
  const baseUrl = () => {
    const endpoint = tokens.endpoint();
    if (endpoint !== advertised) {
      advertised = endpoint;
      base = copilotBaseUrl(config, endpoint);
    }
    return base;
  };
  const identity = editorHeaders(config);

  async function attempt(call: CopilotCall, token: string): Promise<Response> {
    const url = `${baseUrl()}${call.path}`;
    const headers = copilotHeaders(identity, call, token);
    if (call.headers) Object.assign(headers, call.headers);
    const init: RequestInit & { proxy?: string } = {
      method: call.method ?? "POST",
      headers,
      body: call.body,
      signal: call.signal,
    };
    if (config.proxyEnv) init.proxy = proxyFor(url, input.env);
    try {
      return await input.fetch(url, init);
    } catch (error) {
      if (call.signal?.aborted) throw error;
      throw new RelayError("upstream", `Could not reach Copilot at ${new URL(url).origin}: ${(error as Error).message}`, { status: 502, cause: error });
    }
  }

  async function send(call: CopilotCall): Promise<Response> {
    const response = await attempt(call, tokens.current() ?? (await tokens.getToken()));
    if (response.status !== 401) return response;
    await response.body?.cancel();
    return attempt(call, await tokens.refresh());
  }

  return {
    send,
    baseUrl,
    async listModels() {
      const response = await send({ path: "/models", method: "GET", requestId: crypto.randomUUID(), initiator: "agent" });
      if (!response.ok) throw await upstreamError(response);
      const body = (await response.json()) as { data?: CopilotModel[] };
      return Array.isArray(body.data) ? body.data : [];
    },
  };
}
