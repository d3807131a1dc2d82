import { type Static, type TSchema, Type } from "@sinclair/typebox";

/**
 * What the relay reads from a Responses request (https://platform.openai.com/docs/api-reference/responses/create).
 * Every object allows unknown properties: the pass-through path forwards what the relay does not know, and the
 * Responses API grows new fields often. Message items may omit `type` (the SDK's EasyInputMessage), so an item is
 * an object with a string `type` or a `role`.
 */
const open = { additionalProperties: true } as const;
const nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

export const ResponsesInputItemSchema = Type.Union([Type.Object({ type: Type.String() }, open), Type.Object({ role: Type.String() }, open)]);

export const ResponsesToolSchema = Type.Object({ type: Type.String() }, open);

export const ResponsesRequestSchema = Type.Object(
  {
    model: Type.String({ minLength: 1 }),
    input: Type.Optional(Type.Union([Type.String(), Type.Array(ResponsesInputItemSchema)])),
    instructions: nullable(Type.String()),
    tools: Type.Optional(Type.Array(ResponsesToolSchema)),
    tool_choice: Type.Optional(Type.Union([Type.String(), Type.Object({ type: Type.String() }, open)])),
    stream: nullable(Type.Boolean()),
    max_output_tokens: nullable(Type.Integer({ minimum: 1 })),
    temperature: nullable(Type.Number()),
    top_p: nullable(Type.Number()),
    parallel_tool_calls: nullable(Type.Boolean()),
    reasoning: nullable(Type.Object({ effort: nullable(Type.String()), summary: nullable(Type.String()) }, open)),
    text: Type.Optional(Type.Object({ format: Type.Optional(Type.Object({ type: Type.String() }, open)), verbosity: nullable(Type.String()) }, open)),
    store: nullable(Type.Boolean()),
    previous_response_id: nullable(Type.String()),
    include: nullable(Type.Array(Type.String())),
    user: Type.Optional(Type.String()),
    safety_identifier: Type.Optional(Type.String()),
    metadata: nullable(Type.Record(Type.String(), Type.Unknown())),
  },
  open,
);

export type ResponsesInputItem = Static<typeof ResponsesInputItemSchema>;
export type ResponsesTool = Static<typeof ResponsesToolSchema>;
export type ResponsesRequest = Static<typeof ResponsesRequestSchema>;
