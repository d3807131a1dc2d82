import { type Static, type TSchema, Type } from "@sinclair/typebox";

/**
 * What the relay reads from Ollama API requests (https://github.com/ollama/ollama/blob/main/docs/api.md), with
 * field names as the `ollama` npm client sends them (src/interfaces.ts there). Every object allows unknown
 * properties: a proxy forwards what it does not know. JavaScript clients send `null` for options they leave unset,
 * so optional fields also take `null`, read as absent.
 */
const open = { additionalProperties: true } as const;
const optional = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

/** Ollama's runtime options (Modelfile parameters); the ones the relay can map are typed, the rest pass unchecked. */
export const OllamaOptionsSchema = Type.Object(
  {
    temperature: optional(Type.Number()),
    top_p: optional(Type.Number()),
    top_k: optional(Type.Number()),
    // -1 means "until the model stops", -2 "until the context is full"; both are no limit for a hosted model.
    num_predict: optional(Type.Integer()),
    num_ctx: optional(Type.Integer()),
    stop: optional(Type.Union([Type.String(), Type.Array(Type.String())])),
    seed: optional(Type.Integer()),
    presence_penalty: optional(Type.Number()),
    frequency_penalty: optional(Type.Number()),
  },
  open,
);

/** `"json"` for plain JSON, a JSON schema object for structured output; `""` is what some clients send for "none". */
export const OllamaFormatSchema = Type.Union([Type.Literal("json"), Type.Literal(""), Type.Object({}, open)]);

/** `true`/`false`, or a level; "max" is the newest level in Ollama's docs. */
export const OllamaThinkSchema = Type.Union([
  Type.Boolean(),
  Type.Literal("low"),
  Type.Literal("medium"),
  Type.Literal("high"),
  Type.Literal("max"),
]);

/** A number of seconds or a Go duration ("5m", "1.5h"); has no effect on a hosted model. */
const KeepAliveSchema = Type.Union([Type.String(), Type.Number()]);

export const OllamaToolCallSchema = Type.Object(
  {
    // Newer Ollama versions give tool calls an id; older clients never send one.
    id: Type.Optional(Type.String()),
    function: Type.Object(
      {
        name: Type.String(),
        // An object on Ollama's wire; a JSON string is tolerated for clients that copy OpenAI's shape.
        arguments: optional(Type.Union([Type.Object({}, open), Type.String()])),
      },
      open,
    ),
  },
  open,
);

export const OllamaMessageSchema = Type.Object(
  {
    role: Type.Union([Type.Literal("system"), Type.Literal("user"), Type.Literal("assistant"), Type.Literal("tool")]),
    // Absent or null on an assistant message that only calls tools.
    content: optional(Type.String()),
    images: optional(Type.Array(Type.String())),
    tool_calls: optional(Type.Array(OllamaToolCallSchema)),
    thinking: optional(Type.String()),
    tool_name: optional(Type.String()),
    tool_call_id: optional(Type.String()),
  },
  open,
);

/** OpenAI's function-tool shape, which Ollama adopted. */
export const OllamaToolSchema = Type.Object(
  {
    type: Type.Optional(Type.String()),
    function: Type.Object(
      {
        name: Type.String({ minLength: 1 }),
        description: optional(Type.String()),
        parameters: optional(Type.Object({}, open)),
      },
      open,
    ),
  },
  open,
);

const generationProperties = {
  model: Type.String({ minLength: 1 }),
  format: optional(OllamaFormatSchema),
  options: optional(OllamaOptionsSchema),
  // Absent means true: Ollama streams unless told not to.
  stream: optional(Type.Boolean()),
  keep_alive: optional(KeepAliveSchema),
  think: optional(OllamaThinkSchema),
};

export const OllamaChatRequestSchema = Type.Object(
  {
    ...generationProperties,
    // Optional and possibly empty: Ollama treats a chat without messages as "load the model".
    messages: Type.Optional(Type.Array(OllamaMessageSchema)),
    tools: optional(Type.Array(OllamaToolSchema)),
  },
  open,
);

export const OllamaGenerateRequestSchema = Type.Object(
  {
    ...generationProperties,
    // Optional: an empty prompt means "load the model" (or, with keep_alive 0, "unload it").
    prompt: optional(Type.String()),
    suffix: optional(Type.String()),
    system: optional(Type.String()),
    images: optional(Type.Array(Type.String())),
    raw: optional(Type.Boolean()),
    context: optional(Type.Array(Type.Number())),
    template: optional(Type.String()),
  },
  open,
);

export const OllamaEmbedRequestSchema = Type.Object(
  {
    model: Type.String({ minLength: 1 }),
    input: Type.Union([Type.String(), Type.Array(Type.String())]),
    truncate: optional(Type.Boolean()),
    dimensions: optional(Type.Integer({ minimum: 1 })),
    options: optional(OllamaOptionsSchema),
    keep_alive: optional(KeepAliveSchema),
  },
  open,
);

/** The legacy `POST /api/embeddings`, superseded by `/api/embed`. */
export const OllamaEmbeddingsRequestSchema = Type.Object(
  {
    model: Type.String({ minLength: 1 }),
    prompt: Type.String(),
    options: optional(OllamaOptionsSchema),
    keep_alive: optional(KeepAliveSchema),
  },
  open,
);

/** `model`, or the legacy `name` older clients send; which one is required is checked by ollamaShowModelName. */
export const OllamaShowRequestSchema = Type.Object(
  {
    model: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    verbose: optional(Type.Boolean()),
  },
  open,
);

export type OllamaOptions = Static<typeof OllamaOptionsSchema>;
export type OllamaFormat = Static<typeof OllamaFormatSchema>;
export type OllamaThink = Static<typeof OllamaThinkSchema>;
export type OllamaToolCall = Static<typeof OllamaToolCallSchema>;
export type OllamaMessage = Static<typeof OllamaMessageSchema>;
export type OllamaTool = Static<typeof OllamaToolSchema>;
export type OllamaChatRequest = Static<typeof OllamaChatRequestSchema>;
export type OllamaGenerateRequest = Static<typeof OllamaGenerateRequestSchema>;
export type OllamaEmbedRequest = Static<typeof OllamaEmbedRequestSchema>;
export type OllamaEmbeddingsRequest = Static<typeof OllamaEmbeddingsRequestSchema>;
export type OllamaShowRequest = Static<typeof OllamaShowRequestSchema>;
