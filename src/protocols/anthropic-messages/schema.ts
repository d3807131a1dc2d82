import { type Static, Type } from "@sinclair/typebox";

/**
 * What the relay reads from an Anthropic Messages request (https://docs.anthropic.com/en/api/messages). Every
 * object allows unknown properties: a proxy forwards what it does not know (`context_management`,
 * `output_config`, new block types…). Content blocks are only required to carry a `type`; their fields are read
 * defensively by the decoder, so a new block kind never turns into a 400 here.
 */
const open = { additionalProperties: true } as const;

/** Typed with an index signature (TypeBox's Static omits additional properties), so callers can build blocks. */
export const ContentBlockSchema = Type.Unsafe<{ type: string; [key: string]: unknown }>(
  Type.Object({ type: Type.String() }, open),
);

export const MessageSchema = Type.Object(
  {
    // Claude Code places a `role: "system"` message among the messages (PROTOCOL.md §8).
    role: Type.Union([Type.Literal("user"), Type.Literal("assistant"), Type.Literal("system")]),
    content: Type.Union([Type.String(), Type.Array(ContentBlockSchema)]),
  },
  open,
);

export const SystemBlockSchema = Type.Object({ type: Type.String(), text: Type.String() }, open);

export const ToolSchema = Type.Object(
  {
    name: Type.String(),
    description: Type.Optional(Type.String()),
    // Absent on server tools (`web_search_20250305`, `bash_20250124`, …), which carry a `type` instead.
    input_schema: Type.Optional(Type.Object({}, open)),
    type: Type.Optional(Type.String()),
  },
  open,
);

export const ToolChoiceSchema = Type.Object(
  {
    type: Type.String(),
    name: Type.Optional(Type.String()),
    disable_parallel_tool_use: Type.Optional(Type.Boolean()),
  },
  open,
);

export const ThinkingSchema = Type.Object(
  { type: Type.String(), budget_tokens: Type.Optional(Type.Integer({ minimum: 0 })) },
  open,
);

const commonProperties = {
  model: Type.String({ minLength: 1 }),
  messages: Type.Array(MessageSchema, { minItems: 1 }),
  system: Type.Optional(Type.Union([Type.String(), Type.Array(SystemBlockSchema)])),
  stream: Type.Optional(Type.Boolean()),
  tools: Type.Optional(Type.Array(ToolSchema)),
  tool_choice: Type.Optional(ToolChoiceSchema),
  thinking: Type.Optional(ThinkingSchema),
  metadata: Type.Optional(Type.Object({ user_id: Type.Optional(Type.Union([Type.String(), Type.Null()])) }, open)),
  stop_sequences: Type.Optional(Type.Array(Type.String())),
  temperature: Type.Optional(Type.Number()),
  top_p: Type.Optional(Type.Number()),
  top_k: Type.Optional(Type.Integer()),
};

export const MessagesRequestSchema = Type.Object(
  { ...commonProperties, max_tokens: Type.Integer({ minimum: 1 }) },
  open,
);

/** `POST /v1/messages/count_tokens` takes the same body without `max_tokens`. */
export const CountTokensRequestSchema = Type.Object(
  { ...commonProperties, max_tokens: Type.Optional(Type.Integer({ minimum: 1 })) },
  open,
);

export type MessagesRequest = Static<typeof MessagesRequestSchema>;
export type CountTokensRequest = Static<typeof CountTokensRequestSchema>;
export type MessagesMessage = Static<typeof MessageSchema>;
export type MessagesContentBlock = Static<typeof ContentBlockSchema>;
export type MessagesSystemBlock = Static<typeof SystemBlockSchema>;
export type MessagesTool = Static<typeof ToolSchema>;
