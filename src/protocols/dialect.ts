import type { HubRequest, HubResult, HubStreamPart, Initiator } from "../core/hub/index.ts";
import type { RelayError } from "../core/relay-error.ts";
import type { UsageText } from "../core/number-field.ts";
import type { TokenUsage } from "../core/token-usage.ts";

/**
 * A wire dialect as one object (ARCHITECTURE.md "The relay pipeline"): everything the relay pipeline needs to serve
 * a client that speaks it, and, when the dialect is also an upstream wire, to call an upstream in it. Adding a
 * dialect is its protocols/<id>/ folder, one routes/ file and one line in protocols/registry.ts; every pair the hub
 * can express then works without code written for that pair.
 */
export type DialectId = "openai-chat" | "openai-responses" | "anthropic-messages" | "ollama-chat" | "ollama-generate";

export interface Turn {
  initiator: Initiator;
  interactionType?: string;
}

/** How a dialect frames a stream: server-sent events, or one JSON object per line (Ollama). */
export type Framing = "sse" | "ndjson";

/** Upstream wire → hub parts. `push` takes one parsed JSON payload (an SSE `data:` or an NDJSON line); never throws. */
export interface StreamDecoder {
  push(payload: unknown): HubStreamPart[];
  /** End of the upstream body: closes what is open and ends the message if the upstream did not. */
  flush(): HubStreamPart[];
}

/** Hub parts → the client's stream text, framed (whole SSE events or whole NDJSON lines); never throws. */
export interface StreamEncoder {
  push(part: HubStreamPart): string;
  /** Ends the stream well-formed unless it already ended (after message-end or an error part). */
  flush(): string;
  /** A keep-alive frame while the upstream is silent, or "" when the dialect has none. */
  ping?(): string;
}

/** What an encoder of answers for the client may need beyond the hub result. */
export interface EncodeContext {
  /** The model id the client sent; answers echo it (clients compare it). */
  requestedModel: string;
  requestId: string;
  /** Prompt tokens estimated from the body size, for dialects that report input tokens before the upstream does. */
  estimatedInputTokens: number;
  /** The client's validated request, for dialects whose answers echo request fields (Responses). */
  request: unknown;
  /** Epoch milliseconds when the relay received the request (Ollama reports durations). */
  startedAt: number;
  /** Epoch milliseconds now; injectable so fixtures are stable. */
  now(): number;
}

/** How to shape a request for one upstream model; the provider derives it from the model's capabilities. */
export interface WireOptions {
  /** GPT-5-family and o-series models reject `max_tokens` and want `max_completion_tokens` (PROTOCOL.md §5). */
  useMaxCompletionTokens: boolean;
  /** The model takes a thinking budget (Copilot's Claude models: `thinking_budget`), within these bounds. */
  thinkingBudget?: { min: number; max: number };
  /** The model takes an OpenAI reasoning effort. */
  reasoningEffort: boolean;
  /** The model's own output limit, for wires that need a limit when the client gave none (Messages). */
  maxOutputTokens?: number;
}

/** The upstream half of a dialect: present when the relay can call an upstream in it. */
export interface WireDialect {
  /** `dropped`, when given, receives a note for each thing the wire cannot carry (for the debug log). */
  encodeRequest(request: HubRequest, options: WireOptions, dropped?: string[]): Record<string, unknown>;
  /** A non-streamed upstream answer → hub result. Tolerant: never throws on an unexpected shape. */
  decodeResult(json: unknown): HubResult;
  createStreamDecoder(): StreamDecoder;
  /** How the upstream frames its streams. */
  framing: Framing;
}

export interface Dialect<Request = any> {
  id: DialectId;
  /** How the client's streams are framed. */
  framing: Framing;
  /** The body after the one JSON parse → the typed request; throws a 400 RelayError naming the field. */
  validate(body: unknown): Request;
  /** Checks that hold whatever the upstream (e.g. a Responses `previous_response_id` Copilot cannot serve). */
  check?(request: Request): void;
  /**
   * An answer the dialect gives without calling the upstream, once the model is known to exist (Ollama's "load the
   * model" requests, which clients send to warm a model up); undefined for every normal request.
   */
  answerLocally?(request: Request, now: number): unknown;
  model(request: Request): string;
  setModel(request: Request, model: string): void;
  stream(request: Request): boolean;
  /**
   * Who started the turn (PROTOCOL.md §6) and, when the dialect can tell, what kind of turn it is (Copilot's
   * `x-interaction-type`: Claude Code's compactions and subagents), read from the request once.
   */
  turn(request: Request): Turn;
  /** An image anywhere in the request (Copilot needs `copilot-vision-request`). */
  hasImage(request: Request): boolean;
  /** Lowers the requested output limit to `max` in place; returns the limit it lowered, or undefined if none. */
  limitOutput(request: Request, max: number): number | undefined;
  decodeRequest(request: Request): HubRequest;
  encodeResult(result: HubResult, context: EncodeContext): unknown;
  createStreamEncoder(context: EncodeContext): StreamEncoder;
  errorBody(error: RelayError): unknown;
  /** The frame that ends a client stream after a failure (an SSE error event, an NDJSON `{error}` line). */
  streamErrorEvent(error: RelayError): string;
  /** Usage read from a passed-through answer's last text (and, for streams, its first event), without a parse. */
  usageFromText(tail: UsageText, head: UsageText): TokenUsage | undefined;
  /** The dialect's streams end with `data: [DONE]` (Chat Completions); others get Copilot's trailing one removed. */
  doneSentinel: boolean;
  wire?: WireDialect;
}
