import { largeChatBody, largeMessagesBody, largeResponsesBody } from "./large-bodies.ts";

/**
 * The benchmark's workloads. A pass-through scenario runs on the floor proxy and on copilot-relay; a translated
 * one runs on copilot-relay only and is compared with the relay's own pass-through (`baseline`): for streams, of
 * the same upstream stream; for non-streamed requests, of the same client body sent to a model that speaks the
 * client's dialect. Models come from the fake upstream's catalogue: gpt-4.1 speaks chat and responses,
 * claude-sonnet-4.5 chat and messages, gemini-2.5-pro chat only, gpt-5.1-codex responses only.
 */
export interface Scenario {
  name: string;
  path: string;
  body: string;
  headers?: Record<string, string>;
  /** Pass-through scenarios are measured against the floor; translated ones against this relay scenario. */
  baseline?: string;
  /** What the floor is sent instead of `body` (it cannot route: the model id as the upstream knows it). */
  floorBody?: string;
}

const chat = (model: string, content: string, stream: boolean) => JSON.stringify({ model, messages: [{ role: "user", content }], stream });
const messages = (model: string, content: string, stream: boolean) =>
  JSON.stringify({ model, max_tokens: 1024, messages: [{ role: "user", content }], stream });
const responses = (model: string, input: string) => JSON.stringify({ model, input, stream: true });
const ollama = (model: string, content: string) => JSON.stringify({ model, messages: [{ role: "user", content }] });
const anthropicHeaders = { "anthropic-version": "2023-06-01" };
const STREAM = "[[chunks:100]]";

/** The key of the bench's OpenAI-compatible provider (`bench`, the fake Copilot's chat API under an API key). */
export const BENCH_PROVIDER_KEY = "bench-provider-key-0123456789";

export const scenarios: Scenario[] = [
  // Pass-through, against the floor.
  { name: "chat", path: "/v1/chat/completions", body: chat("gpt-4.1", "hi", false) },
  // The same request routed to an OpenAI-compatible provider by a `provider/model` prefix (issue 11).
  { name: "chat-provider", path: "/v1/chat/completions", body: chat("bench/gpt-4.1", "hi", false), floorBody: chat("gpt-4.1", "hi", false) },
  { name: "chat-55k", path: "/v1/chat/completions", body: largeChatBody("gpt-4.1", "", false) },
  { name: "chat-stream", path: "/v1/chat/completions", body: chat("gpt-4.1", STREAM, true) },
  { name: "chat-55k-stream", path: "/v1/chat/completions", body: largeChatBody("gpt-4.1", STREAM, true) },
  { name: "messages", path: "/v1/messages", body: messages("claude-sonnet-4.5", "hi", false), headers: anthropicHeaders },
  { name: "messages-stream", path: "/v1/messages", body: messages("claude-sonnet-4.5", STREAM, true), headers: anthropicHeaders },
  { name: "messages-55k-stream", path: "/v1/messages", body: largeMessagesBody("claude-sonnet-4.5", STREAM, true), headers: anthropicHeaders },
  { name: "responses-stream", path: "/v1/responses", body: responses("gpt-4.1", STREAM) },
  { name: "responses-55k-stream", path: "/v1/responses", body: largeResponsesBody("gpt-4.1", STREAM, true) },
  // Translated, against the relay's pass-through.
  { name: "messages←chat", path: "/v1/messages", body: messages("gemini-2.5-pro", "hi", false), headers: anthropicHeaders, baseline: "messages" },
  { name: "messages←chat-stream", path: "/v1/messages", body: messages("gemini-2.5-pro", STREAM, true), headers: anthropicHeaders, baseline: "chat-stream" },
  {
    name: "messages←chat-55k-stream",
    path: "/v1/messages",
    body: largeMessagesBody("gemini-2.5-pro", STREAM, true),
    headers: anthropicHeaders,
    baseline: "chat-55k-stream",
  },
  { name: "responses←chat-stream", path: "/v1/responses", body: responses("gemini-2.5-pro", STREAM), baseline: "chat-stream" },
  // A coding agent's request translated: the Responses answer echoes its instructions and tools in three events.
  { name: "responses←chat-55k-stream", path: "/v1/responses", body: largeResponsesBody("gemini-2.5-pro", STREAM, true), baseline: "chat-55k-stream" },
  { name: "chat←responses-55k-stream", path: "/v1/chat/completions", body: largeChatBody("gpt-5.1-codex", STREAM, true), baseline: "responses-55k-stream" },
  { name: "ollama←chat-stream", path: "/api/chat", body: ollama("gemini-2.5-pro", STREAM), baseline: "chat-stream" },
  { name: "chat←responses-stream", path: "/v1/chat/completions", body: chat("gpt-5.1-codex", STREAM, true), baseline: "responses-stream" },
];
