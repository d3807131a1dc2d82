/**
 * The one table of configuration options. Each entry becomes a CLI flag (`--kebab-name`), an environment variable
 * (`COPILOT_RELAY_SNAKE_NAME`) and a config-file key (camelCase; kebab-case and snake_case are accepted too).
 * The TypeBox schema in schema.ts is derived from it, so the three surfaces cannot drift apart.
 */
export type OptionKind = "string" | "integer" | "number" | "boolean" | "enum" | "list";

export interface OptionSpec {
  kind: OptionKind;
  description: string;
  /** Short CLI alias, copilot-api compatible where it had one. */
  alias?: string;
  /** The flag's name when it is not the key's kebab-case (a list's flag is singular and repeatable: `--api-key`). */
  flag?: string;
  default?: string | number | boolean | readonly string[];
  values?: readonly string[];
  minimum?: number;
  maximum?: number;
  /** Never printed by `debug` or in logs. */
  secret?: boolean;
  /** Shown in --help of these commands; every command accepts every option. */
  commands?: readonly string[];
}

export const ACCOUNT_TYPES = ["individual", "business", "enterprise"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const optionSpecs = {
  port: {
    kind: "integer",
    alias: "p",
    default: 4141,
    minimum: 0,
    maximum: 65535,
    description: "Port to listen on",
  },
  host: { kind: "string", default: "127.0.0.1", description: "Address to bind (use 0.0.0.0 to expose it)" },
  ollamaPort: {
    kind: "integer",
    minimum: 1,
    maximum: 65535,
    description: "Also listen on this port (e.g. 11434, Ollama's default) with the same routes, for tools that assume Ollama",
  },
  verbose: { kind: "boolean", alias: "v", default: false, description: "Log every request and debug details" },
  maxUpstreamRequests: {
    kind: "integer",
    default: 8192,
    minimum: 1,
    maximum: 65535,
    description: "Upstream requests in flight at once (streams included); Bun's own fetch limit is lifted to it at start",
  },
  accountType: {
    kind: "enum",
    alias: "a",
    values: ACCOUNT_TYPES,
    default: "individual",
    description: "Copilot plan: individual, business or enterprise",
  },
  enterpriseUrl: {
    kind: "string",
    description: "GitHub Enterprise Cloud with data residency host, e.g. acme.ghe.com",
  },
  githubToken: {
    kind: "string",
    alias: "g",
    secret: true,
    description: "GitHub token to use instead of the stored one (from `auth`)",
  },
  showToken: { kind: "boolean", default: false, description: "Print the GitHub and Copilot tokens when fetched" },
  proxyEnv: {
    kind: "boolean",
    default: false,
    description: "Send upstream calls through HTTP_PROXY / HTTPS_PROXY, honouring NO_PROXY",
  },
  home: { kind: "string", description: "Data directory (default $XDG_DATA_HOME/copilot-relay)" },
  githubUrl: { kind: "string", description: "GitHub web base URL, used by the device flow", default: "https://github.com" },
  githubApiUrl: { kind: "string", description: "GitHub API base URL", default: "https://api.github.com" },
  copilotUrl: {
    kind: "string",
    description: "Copilot API base URL (default: the token's endpoints.api, else the account type's base)",
  },
  oauthClientId: { kind: "string", default: "Iv1.b507a08c87ecfe98", description: "OAuth app used by the device flow" },
  editorVersion: { kind: "string", default: "vscode/1.107.0", description: "editor-version header sent to Copilot" },
  editorPluginVersion: {
    kind: "string",
    default: "copilot-chat/0.35.0",
    description: "editor-plugin-version header sent to Copilot",
  },
  userAgent: { kind: "string", default: "GitHubCopilotChat/0.35.0", description: "user-agent header sent to Copilot" },
  apiVersion: {
    kind: "string",
    default: "2025-05-01",
    description: "x-github-api-version header (Copilot answers 466 to retired values)",
  },
  integrationId: { kind: "string", default: "vscode-chat", description: "copilot-integration-id header" },
  modelsRefreshSeconds: {
    kind: "integer",
    default: 600,
    minimum: 10,
    maximum: 86400,
    description: "How often the model list is refreshed",
  },
  apiKeys: {
    kind: "list",
    flag: "api-key",
    default: [],
    secret: true,
    description: "Client API key (repeatable; env: comma-separated). Clients send it as Authorization: Bearer or x-api-key",
  },
  auth: {
    kind: "boolean",
    default: true,
    description: "With --no-auth, allow --host beyond loopback without API keys (warned on every start)",
  },
  allowedHosts: {
    kind: "list",
    flag: "allowed-host",
    default: [],
    description: "Host header names served besides loopback ones (DNS-rebinding protection; repeatable)",
  },
  corsOrigins: {
    kind: "list",
    flag: "cors-origin",
    default: [],
    description: "Browser origins allowed by CORS, e.g. http://localhost:3000 (repeatable; none by default)",
  },
  rateLimit: {
    kind: "number",
    alias: "r",
    default: 0,
    minimum: 0,
    maximum: 3600,
    description: "Minimum seconds between upstream chat requests (0: no limit)",
  },
  wait: { kind: "boolean", alias: "w", default: false, description: "With --rate-limit, queue early requests instead of answering 429" },
  rateLimitQueue: {
    kind: "integer",
    default: 100,
    minimum: 1,
    maximum: 100000,
    description: "With --wait, the most requests waiting for their turn",
  },
  rateLimitMaxWait: {
    kind: "number",
    default: 300,
    minimum: 1,
    maximum: 86400,
    description: "With --wait, the longest a request waits for its turn, in seconds",
  },
  manual: { kind: "boolean", default: false, description: "Approve each chat request in the terminal (or through /admin/approvals)" },
  approvalTimeout: {
    kind: "number",
    default: 300,
    minimum: 1,
    maximum: 86400,
    description: "With --manual, seconds before an undecided request is rejected",
  },
  retries: {
    kind: "integer",
    default: 2,
    minimum: 0,
    maximum: 10,
    description: "Retries of an upstream 429, 5xx, connection error or timeout, before any byte reached the client",
  },
  retryBaseDelay: {
    kind: "number",
    default: 0.5,
    minimum: 0,
    maximum: 60,
    description: "First retry's delay in seconds (doubling, with full jitter; an upstream retry-after wins)",
  },
  retryMaxDelay: { kind: "number", default: 8, minimum: 0, maximum: 600, description: "Longest delay between retries, in seconds" },
  retryTotalTime: {
    kind: "number",
    default: 30,
    minimum: 0,
    maximum: 3600,
    description: "Longest time spent retrying one request, in seconds",
  },
  connectTimeout: {
    kind: "number",
    default: 30,
    minimum: 0.1,
    maximum: 3600,
    description: "Seconds for a streamed request's upstream to answer with headers (a connection that does not answer)",
  },
  firstByteTimeout: {
    kind: "number",
    default: 300,
    minimum: 0.1,
    maximum: 86400,
    description: "Seconds until the upstream's first byte of the answer (a non-streamed answer's whole wait)",
  },
  streamIdleTimeout: {
    kind: "number",
    default: 120,
    minimum: 0.1,
    maximum: 86400,
    description: "Seconds a stream may go without an upstream byte before it is ended with an error event",
  },
  maxBodySize: {
    kind: "integer",
    default: 50,
    minimum: 1,
    maximum: 1024,
    description: "Largest request body accepted, in MiB (413 beyond)",
  },
  maxQueuedRequests: {
    kind: "integer",
    default: 1000,
    minimum: 0,
    maximum: 1000000,
    description: "Requests that may wait for an upstream slot once --max-upstream-requests are in flight (503 beyond)",
  },
  keyRequestsPerMinute: {
    kind: "integer",
    default: 0,
    minimum: 0,
    maximum: 1000000,
    description: "Requests per minute allowed per API key (0: no limit)",
  },
  logFormat: { kind: "enum", values: ["text", "json"], default: "text", description: "Log lines as text or as JSON objects" },
  logFile: { kind: "string", description: "Also append log lines to this file" },
  history: {
    kind: "boolean",
    default: true,
    description: "Keep a request history (no prompt or answer text) in history.sqlite in the data directory, for `usage` and the dashboard",
  },
  historyDays: { kind: "integer", default: 90, minimum: 1, maximum: 3650, description: "Days of request history kept" },
  usageCacheSeconds: {
    kind: "integer",
    default: 60,
    minimum: 0,
    maximum: 3600,
    description: "How long GET /usage reuses GitHub's quota answer, in seconds",
  },
  shutdownGrace: {
    kind: "number",
    default: 10,
    minimum: 0,
    maximum: 3600,
    description: "On SIGINT/SIGTERM, seconds in-flight requests get to finish before they are ended",
  },
  readyTimeoutSeconds: {
    kind: "integer",
    default: 30,
    minimum: 0,
    maximum: 600,
    description: "How long a request waits for the Copilot token and models at start before a 503",
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionKey = keyof typeof optionSpecs;
export const optionKeys = Object.keys(optionSpecs) as OptionKey[];

/** `accountType` → `account-type`. */
export function toFlagName(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The CLI flag of an option: its own `flag` name, else the key in kebab-case. */
export function flagOf(key: string): string {
  return (optionSpecs as Record<string, OptionSpec>)[key]?.flag ?? toFlagName(key);
}

/** `accountType` → `COPILOT_RELAY_ACCOUNT_TYPE`. */
export function toEnvName(key: string): string {
  return `COPILOT_RELAY_${toFlagName(key).replaceAll("-", "_").toUpperCase()}`;
}

/** `account-type` / `account_type` / `accountType` → `accountType`. */
export function toKey(name: string): string {
  return name.replace(/[-_]+([a-zA-Z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
