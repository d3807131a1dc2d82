/**
 * Claude-Code-sized request bodies (~55 KB) in each dialect: a long system prompt, 24 tools with JSON schemas,
 * a tool call with a 120-line result, and a last user turn carrying the fake upstream's directive.
 */
const words = "the relay forwards each request to the upstream and streams every byte back to the client while counting tokens for context".split(" ");
const prose = (length: number, seed: number) => {
  let text = "";
  for (let index = 0; text.length < length; index++) text += `${words[(index * 7 + seed) % words.length]}${index % 13 === 12 ? ".\n" : " "}`;
  return text;
};
const schema = (index: number) => ({
  type: "object",
  properties: { command: { type: "string", description: prose(120, index + 1) }, timeout: { type: "number" } },
  required: ["command"],
});
const toolResult = Array.from({ length: 120 }, (_, line) => `${String(line + 1).padStart(4)}  ${prose(40 + (line % 5) * 10, line).trim()}`).join("\n");
const SYSTEM = prose(21_500, 3);
const TOOLS = Array.from({ length: 24 }, (_, index) => ({ name: `tool_${index}`, description: prose(600, index), parameters: schema(index) }));

export function largeChatBody(model: string, directive: string, stream: boolean): string {
  return JSON.stringify({
    model,
    stream,
    tools: TOOLS.map(({ name, description, parameters }) => ({ type: "function", function: { name, description, parameters } })),
    messages: [
      { role: "system", content: SYSTEM },
      { role: "user", content: prose(1_500, 1) },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "tool_1", arguments: '{"command":"cat notes.txt"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: toolResult },
      { role: "user", content: `${prose(800, 2)} ${directive}` },
    ],
  });
}

export function largeMessagesBody(model: string, directive: string, stream: boolean): string {
  return JSON.stringify({
    model,
    stream,
    max_tokens: 16000,
    system: [{ type: "text", text: SYSTEM, cache_control: { type: "ephemeral" } }],
    tools: TOOLS.map(({ name, description, parameters }) => ({ name, description, input_schema: { $schema: "http://json-schema.org/draft-07/schema#", ...parameters } })),
    messages: [
      { role: "user", content: prose(1_500, 1) },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "tool_1", input: { command: "cat notes.txt" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: toolResult }, { type: "text", text: `${prose(800, 2)} ${directive}` }] },
    ],
  });
}

export function largeResponsesBody(model: string, directive: string, stream: boolean): string {
  return JSON.stringify({
    model,
    stream,
    instructions: SYSTEM,
    tools: TOOLS.map(({ name, description, parameters }) => ({ type: "function", name, description, parameters, strict: false })),
    input: [
      { role: "user", content: prose(1_500, 1) },
      { type: "function_call", call_id: "call_1", name: "tool_1", arguments: '{"command":"cat notes.txt"}' },
      { type: "function_call_output", call_id: "call_1", output: toolResult },
      { role: "user", content: `${prose(800, 2)} ${directive}` },
    ],
  });
}
