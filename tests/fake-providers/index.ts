/** Fake provider upstreams for tests: OpenAI-compatible (chat + Responses, optional HTTPS), Anthropic, Ollama. */
export { startFakeOpenAI, DEFAULT_OPENAI_MODELS } from "./openai";
export { startFakeAnthropic, DEFAULT_ANTHROPIC_MODELS } from "./anthropic";
export { startFakeOllama, DEFAULT_OLLAMA_MODELS } from "./ollama";
export { createSelfSignedCert } from "./tls";
export type {
  FakeAnthropicOptions,
  FakeFault,
  FakeOllamaOptions,
  FakeOpenAIOptions,
  FakeProvider,
  RecordedRequest,
  TlsPair,
} from "./types";
