/**
 * A request shaped like Claude Code's (PROTOCOL.md §8): long system blocks with cache_control, a couple of dozen
 * tools with JSON schemas, and a conversation, padded with varied prose to about `bytes` bytes.
 */
export function claudeCodeLikeRequest(bytes: number) {
  const words = "the relay forwards each request to the upstream and streams every byte back to the client while counting tokens for context".split(" ");
  const prose = (length: number, seed: number) => {
    let text = "";
    for (let index = 0; text.length < length; index++) text += `${words[(index * 7 + seed) % words.length]}${index % 13 === 12 ? ".\n" : " "}`;
    return text;
  };
  const tools = Array.from({ length: 24 }, (_, index) => ({
    name: `tool_${index}`,
    description: prose(600, index),
    input_schema: {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { command: { type: "string", description: prose(120, index + 1) }, timeout: { type: "number" } },
      required: ["command"],
    },
  }));
  const request = {
    model: "claude-sonnet-4.5",
    system: [{ type: "text", text: prose(12_000, 3), cache_control: { type: "ephemeral" } }],
    tools,
    messages: [] as { role: string; content: string }[],
  };
  for (let turn = 0; JSON.stringify(request).length < bytes; turn++) {
    request.messages.push({ role: turn % 2 ? "assistant" : "user", content: prose(2_000, turn) });
  }
  return request;
}
