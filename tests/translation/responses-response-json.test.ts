import { expect, test } from "bun:test";
import { responseJsonWriter, responseObject } from "../../src/protocols/openai-responses/response-object.ts";
test("a stream's serialised response is byte for byte the response object's JSON, with and without echoed request fields", () => {
  for (const request of [{}, { instructions: "x", tools: [{ type: "function", name: "f" }], user: "u", metadata: { a: 1 }, reasoning: { effort: "low" } }]) {
    const context = { request, requestedModel: "m", now: () => 0, requestId: "r" } as never;
    const fields = { id: "resp_1", createdAt: 5, status: "completed" as const, output: [{ a: 1 }], usage: { input_tokens: 1 } as never, incompleteDetails: null, error: null };
    const write = responseJsonWriter(context);
    expect(write(fields)).toBe(JSON.stringify(responseObject(context, fields)));
    // The same writer again, for another event of the stream (as response.created, then .completed).
    const started = { id: "resp_1", createdAt: 5, status: "in_progress" as const, output: [], usage: null };
    expect(write(started)).toBe(JSON.stringify(responseObject(context, started)));
  }
});
