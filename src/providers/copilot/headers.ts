import type { Config } from "../../config/schema.ts";
import type { Initiator } from "../../core/hub/index.ts";

export type { Initiator };

/** The editor identity Copilot expects (PROTOCOL.md §4); every value is configuration because they drift. */
export function editorHeaders(config: Config): Record<string, string> {
  return {
    "editor-version": config.editorVersion,
    "editor-plugin-version": config.editorPluginVersion,
    "user-agent": config.userAgent,
    "copilot-integration-id": config.integrationId,
    "x-github-api-version": config.apiVersion,
  };
}

export interface CopilotRequestHeaders {
  token: string;
  requestId: string;
  initiator: Initiator;
  /** Only when the request carries an image: sending it always earns 429s. */
  vision?: boolean;
  interactionType?: string;
}

/** The headers of one Copilot call; `identity` is editorHeaders(config), worked out once per client. */
export function copilotHeaders(identity: Record<string, string>, request: Omit<CopilotRequestHeaders, "token">, token: string): Record<string, string> {
  const headers: Record<string, string> = {
    ...identity,
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "openai-intent": request.initiator === "agent" ? "conversation-agent" : "conversation-panel",
    "x-initiator": request.initiator,
    "x-request-id": request.requestId,
  };
  if (request.vision) headers["copilot-vision-request"] = "true";
  if (request.interactionType) headers["x-interaction-type"] = request.interactionType;
  return headers;
}

const accountBase: Record<Config["accountType"], string> = {
  individual: "https://api.githubcopilot.com",
  business: "https://api.business.githubcopilot.com",
  enterprise: "https://api.enterprise.githubcopilot.com",
};

/** Configured URL first, then what the token advertises, then the plan's default (PROTOCOL.md §3). */
export function copilotBaseUrl(config: Config, advertised: string | undefined): string {
  return (config.copilotUrl ?? advertised ?? accountBase[config.accountType]).replace(/\/+$/, "");
}
