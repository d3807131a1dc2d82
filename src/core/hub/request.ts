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
  /** OpenAI strict schema adherence; dialects without it drop it. */
  strict?: boolean;
}

export type HubToolChoice = { type: "auto" } | { type: "none" } | { type: "required" } | { type: "tool"; toolName: string };

export type HubReasoningEffort = "none" | "minimal" | "low" | "medium" | "high" | "xhigh";

export interface HubReasoningConfig {
  /** Anthropic `thinking.budget_tokens`; Copilot's Claude models take it as `thinking_budget`. */
  budgetTokens?: number;
  /** OpenAI `reasoning_effort` / Responses `reasoning.effort` / Ollama `think: "high"`. */
  effort?: HubReasoningEffort;
  /** Anthropic "adaptive" thinking: the model decides. */
  adaptive?: boolean;
  /** Responses `reasoning.summary`: whether (and how) the client wants the reasoning summarised back. */
  summary?: "auto" | "concise" | "detailed";
  /** Reasoning explicitly turned off (Anthropic `thinking.type: "disabled"`, Ollama `think: false`). */
  disabled?: boolean;
}

/**
 * Structured output: plain JSON (Chat `response_format: json_object`, Ollama `format: "json"`) or JSON that follows
 * a schema (Chat `json_schema`, Responses `text.format`, Ollama `format: {schema}`).
 */
export type HubResponseFormat =
  | { type: "json" }
  | { type: "json-schema"; name: string; schema: Record<string, unknown>; description?: string; strict?: boolean };

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
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  responseFormat?: HubResponseFormat;
  reasoning?: HubReasoningConfig;
  /** End-user id for abuse tracking (Anthropic `metadata.user_id`, OpenAI `user`). */
  user?: string;
  stream: boolean;
  /**
   * What the decoder could not carry (hosted tools, file inputs, …), one short note each; the pipeline writes them
   * to the debug log so nothing disappears without a trace.
   */
  dropped?: string[];
}
