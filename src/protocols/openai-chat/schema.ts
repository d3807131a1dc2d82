import { type Static, Type } from "@sinclair/typebox";

/**
 * What the relay reads from a Chat Completions request. Unknown properties are allowed and forwarded: a proxy
 * must not strip fields it does not know.
 */
const ContentPart = Type.Object({ type: Type.String() }, { additionalProperties: true });

export const ChatMessageSchema = Type.Object(
  {
    role: Type.Union([
      Type.Literal("system"),
      Type.Literal("developer"),
      Type.Literal("user"),
      Type.Literal("assistant"),
      Type.Literal("tool"),
      Type.Literal("function"),
    ]),
    content: Type.Optional(Type.Union([Type.String(), Type.Array(ContentPart), Type.Null()])),
  },
  { additionalProperties: true },
);

export const ChatCompletionRequestSchema = Type.Object(
  {
    model: Type.String({ minLength: 1 }),
    messages: Type.Array(ChatMessageSchema, { minItems: 1 }),
    stream: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    max_tokens: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    max_completion_tokens: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    tools: Type.Optional(Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true }))),
  },
  { additionalProperties: true },
);

export type ChatMessage = Static<typeof ChatMessageSchema>;
export type ChatCompletionRequest = Static<typeof ChatCompletionRequestSchema>;

export const EmbeddingRequestSchema = Type.Object(
  {
    model: Type.String({ minLength: 1 }),
    input: Type.Union([
      Type.String(),
      Type.Array(Type.String(), { minItems: 1 }),
      Type.Array(Type.Integer(), { minItems: 1 }),
      Type.Array(Type.Array(Type.Integer()), { minItems: 1 }),
    ]),
  },
  { additionalProperties: true },
);

export type EmbeddingRequest = Static<typeof EmbeddingRequestSchema>;
