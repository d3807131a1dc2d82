/**
 * The canonical hub: every dialect decodes into these types and encodes out of them, so N client dialects and
 * M upstream wires need N + M translators. Shapes follow the Vercel AI SDK's vocabulary, trimmed to what the
 * relay's dialects carry. Fields a dialect has no place for are dropped by its encoder, never by the hub.
 */

export interface HubCacheControl {
  type: string;
  [key: string]: unknown;
}

export interface HubTextPart {
  type: "text";
  text: string;
  cacheControl?: HubCacheControl;
}

export type HubImageSource = { kind: "base64"; mediaType: string; data: string } | { kind: "url"; url: string };

export interface HubImagePart {
  type: "image";
  source: HubImageSource;
  cacheControl?: HubCacheControl;
}

/** Model reasoning ("thinking"); `signature` is the opaque token the upstream needs to accept it back. */
export interface HubReasoningPart {
  type: "reasoning";
  text: string;
  signature?: string;
  /** Redacted thinking: only the opaque data survives. */
  redacted?: boolean;
}

export interface HubToolCallPart {
  type: "tool-call";
  toolCallId: string;
  toolName: string;
  /** Parsed arguments; a string when the upstream sent JSON that does not parse. */
  input: unknown;
}

export interface HubToolResultPart {
  type: "tool-result";
  toolCallId: string;
  /** Text and images the tool returned. */
  content: (HubTextPart | HubImagePart)[];
  isError?: boolean;
  cacheControl?: HubCacheControl;
}

export type HubUserPart = HubTextPart | HubImagePart | HubToolResultPart;
export type HubAssistantPart = HubTextPart | HubReasoningPart | HubToolCallPart;

export type HubMessage =
  | { role: "system"; content: HubTextPart[] }
  | { role: "user"; content: HubUserPart[] }
  | { role: "assistant"; content: HubAssistantPart[] };

export interface HubTool {
  name: string;
  description?: string;
  /** JSON Schema of the input, already cleaned of keys upstreams reject (`$schema`, …). */
  inputSchema: Record<string, unknown>;
}

export type HubToolChoice = { type: "auto" } | { type: "none" } | { type: "required" } | { type: "tool"; toolName: string };

export interface HubReasoningConfig {
  /** Anthropic `thinking.budget_tokens`; Copilot's Claude models take it as `thinking_budget`. */
  budgetTokens?: number;
  /** OpenAI `reasoning_effort`. */
  effort?: "minimal" | "low" | "medium" | "high";
  /** Anthropic "adaptive" thinking: the model decides. */
  adaptive?: boolean;
}

export interface HubRequest {
  model: string;
  /** System prompt blocks, in order; `role: "system"` messages found among the messages are kept in place. */
  system: HubTextPart[];
  messages: HubMessage[];
  tools?: HubTool[];
  toolChoice?: HubToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  reasoning?: HubReasoningConfig;
  /** End-user id for abuse tracking (Anthropic `metadata.user_id`, OpenAI `user`). */
  user?: string;
  stream: boolean;
}
