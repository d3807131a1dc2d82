import { describe, expect, test } from "bun:test";
import { RelayError } from "../../src/core/relay-error.ts";
import { anthropicErrorBody, anthropicStreamErrorEvent } from "../../src/protocols/anthropic-messages/index.ts";

const typeFor = (status: number) => anthropicErrorBody(new RelayError("upstream", "boom", { status })).error.type;

describe("Anthropic error envelope", () => {
  test("maps statuses to Anthropic error types", () => {
    expect([400, 401, 403, 404, 413, 422, 429, 500, 502, 503, 529].map(typeFor)).toEqual([
      "invalid_request_error",
      "authentication_error",
      "permission_error",
      "not_found_error",
      "request_too_large",
      "invalid_request_error",
      "rate_limit_error",
      "api_error",
      "api_error",
      "api_error",
      "overloaded_error",
    ]);
    expect(anthropicErrorBody(new RelayError("rate_limit", "slow down"))).toEqual({
      type: "error",
      error: { type: "rate_limit_error", message: "slow down" },
    });
  });

  test("turns Copilot's prompt-token error into Anthropic's 'prompt is too long' so Claude Code compacts", () => {
    const copilot = new RelayError("invalid_request", "prompt token count of 210000 exceeds the limit of 200000", {
      code: "model_max_prompt_tokens_exceeded",
    });
    expect(anthropicErrorBody(copilot)).toEqual({
      type: "error",
      error: { type: "invalid_request_error", message: "prompt is too long: 210000 tokens > 200000 maximum" },
    });
  });

  test("recognises the wording without the code, whichever order the numbers come in", () => {
    const openAI = new RelayError("invalid_request", "This model's maximum context length is 128,000 tokens. However, your messages resulted in 131,072 tokens.");
    expect(anthropicErrorBody(openAI).error.message).toBe("prompt is too long: 131072 tokens > 128000 maximum");
    const vague = new RelayError("invalid_request", "Request body too long", { code: "model_max_prompt_tokens_exceeded" });
    expect(anthropicErrorBody(vague).error).toEqual({ type: "invalid_request_error", message: "prompt is too long: Request body too long" });
  });

  test("leaves a 5xx that mentions 'too long' alone", () => {
    expect(anthropicErrorBody(new RelayError("upstream", "upstream took too long", { status: 504 })).error).toEqual({
      type: "api_error",
      message: "upstream took too long",
    });
  });

  test("renders the stream error event", () => {
    expect(anthropicStreamErrorEvent(new RelayError("overloaded", "busy"))).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"busy"}}\n\n',
    );
  });
});
