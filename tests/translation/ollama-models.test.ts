import { describe, expect, test } from "bun:test";
import {
  decodeOllamaEmbed,
  decodeOllamaEmbeddings,
  encodeOllamaEmbed,
  encodeOllamaEmbeddings,
  type OllamaModelSource,
  ollamaModelName,
  ollamaPs,
  ollamaShow,
  ollamaTag,
  ollamaTags,
  ollamaVersion,
  stripOllamaTag,
} from "../../src/protocols/ollama/index.ts";

const gpt: OllamaModelSource = {
  id: "gpt-4.1",
  name: "GPT-4.1",
  vendor: "Azure OpenAI",
  family: "gpt-4.1",
  contextWindow: 128_000,
  maxOutputTokens: 16_384,
  tools: true,
  vision: true,
};
const claude: OllamaModelSource = { id: "claude-sonnet-4.5", name: "Claude Sonnet 4.5", vendor: "Anthropic", contextWindow: 200_000, tools: true, thinking: true };
const embedding: OllamaModelSource = { id: "text-embedding-3-small", vendor: "Azure OpenAI", embedding: true };

describe("Ollama model discovery", () => {
  test("lists a model under its tagged name with stable placeholders for what a hosted model lacks", () => {
    const tag = ollamaTag(gpt);
    expect(tag).toEqual({
      name: "gpt-4.1:latest",
      model: "gpt-4.1:latest",
      modified_at: "2025-01-01T00:00:00Z",
      size: 1024 ** 3,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      details: {
        parent_model: "",
        format: "gguf",
        family: "gpt-4.1",
        families: ["gpt-4.1"],
        parameter_size: "",
        quantization_level: "",
        context_length: 128_000,
      },
      capabilities: ["completion", "tools", "vision"],
    });
    expect(ollamaTag(gpt).digest).toBe(tag.digest);
    expect(ollamaTag(claude).digest).not.toBe(tag.digest);
    expect(ollamaTag(claude).details.family).toBe("anthropic");
    expect(ollamaTags([gpt, claude]).models.map((model) => model.name)).toEqual(["gpt-4.1:latest", "claude-sonnet-4.5:latest"]);
  });

  test("maps name:latest and the bare name to the same model, keeping other tags", () => {
    expect(stripOllamaTag("gpt-4.1:latest")).toBe("gpt-4.1");
    expect(stripOllamaTag("gpt-4.1")).toBe("gpt-4.1");
    expect(stripOllamaTag("gpt-4.1:LATEST")).toBe("gpt-4.1");
    expect(stripOllamaTag("qwen:7b")).toBe("qwen:7b");
    expect(ollamaModelName("gpt-4.1")).toBe("gpt-4.1:latest");
    expect(ollamaModelName("qwen:7b")).toBe("qwen:7b");
  });

  test("/api/show gives the context window where clients read it and the capabilities they check", () => {
    const show = ollamaShow(claude);
    expect(show.model_info).toEqual({
      "general.architecture": "anthropic",
      "general.basename": "Claude Sonnet 4.5",
      "anthropic.context_length": 200_000,
    });
    // What VS Code's Ollama provider does with it.
    const architecture = show.model_info["general.architecture"] as string;
    expect(show.model_info[`${architecture}.context_length`]).toBe(200_000);
    expect(show.capabilities).toEqual(["completion", "tools", "thinking"]);
    expect(show.details.family).toBe("anthropic");
    expect(show.parameters).toBe("num_ctx 200000");
    expect(show.modelfile).toContain("FROM claude-sonnet-4.5:latest");
    expect(show.template).toContain(".Tools");
    expect(typeof show.modified_at).toBe("string");
    expect(ollamaShow(gpt).model_info).toMatchObject({ "general.architecture": "gpt_4_1", "gpt_4_1.context_length": 128_000 });
  });

  test("embedding models have only the embedding capability; an unknown window falls back to 128k", () => {
    const show = ollamaShow(embedding);
    expect(show.capabilities).toEqual(["embedding"]);
    expect(show.model_info["azure_openai.context_length"]).toBe(128_000);
    expect(ollamaTag(embedding).capabilities).toEqual(["embedding"]);
  });

  test("/api/ps lists models as loaded, never expiring, and /api/version reports a recent Ollama", () => {
    const [running] = ollamaPs([gpt]).models;
    expect(running).toEqual({
      name: "gpt-4.1:latest",
      model: "gpt-4.1:latest",
      size: 1024 ** 3,
      digest: ollamaTag(gpt).digest,
      details: ollamaTag(gpt).details,
      expires_at: "2099-01-01T00:00:00Z",
      size_vram: 1024 ** 3,
      context_length: 128_000,
    });
    const [major, minor] = ollamaVersion().version.split(".").map(Number);
    // VS Code's Ollama provider refuses servers older than 0.6.4.
    expect((major ?? 0) > 0 || (minor ?? 0) >= 7).toBe(true);
  });
});

describe("Ollama embeddings ↔ OpenAI embeddings", () => {
  const openAIAnswer = {
    object: "list",
    data: [
      { object: "embedding", index: 1, embedding: [0.3, 0.4] },
      { object: "embedding", index: 0, embedding: [0.1, 0.2] },
    ],
    model: "text-embedding-3-small",
    usage: { prompt_tokens: 8, total_tokens: 8 },
  };

  test("/api/embed becomes an OpenAI body and its answer comes back in input order", () => {
    expect(decodeOllamaEmbed({ model: "text-embedding-3-small", input: ["a", "b"], truncate: true, dimensions: 256, keep_alive: "5m" })).toEqual({
      model: "text-embedding-3-small",
      input: ["a", "b"],
      dimensions: 256,
    });
    expect(decodeOllamaEmbed({ model: "m", input: "one" })).toEqual({ model: "m", input: "one" });
    const timing = { startedAt: 1_000, now: () => 1_014 };
    expect(encodeOllamaEmbed(openAIAnswer, "text-embedding-3-small:latest", timing)).toEqual({
      model: "text-embedding-3-small:latest",
      embeddings: [
        [0.1, 0.2],
        [0.3, 0.4],
      ],
      total_duration: 14_000_000,
      load_duration: 0,
      prompt_eval_count: 8,
    });
    expect(encodeOllamaEmbed(openAIAnswer, "m", { startedAt: 1_000, now: 1_002 }).total_duration).toBe(2_000_000);
  });

  test("the legacy /api/embeddings takes a prompt and answers with one embedding", () => {
    expect(decodeOllamaEmbeddings({ model: "m", prompt: "Here is an article about llamas..." })).toEqual({ model: "m", input: "Here is an article about llamas..." });
    expect(encodeOllamaEmbeddings(openAIAnswer)).toEqual({ embedding: [0.1, 0.2] });
  });

  test("is tolerant of an answer without data", () => {
    expect(encodeOllamaEmbed({}, "m", { startedAt: 0, now: 0 })).toMatchObject({ embeddings: [], prompt_eval_count: 0 });
    expect(encodeOllamaEmbeddings(null)).toEqual({ embedding: [] });
  });
});
