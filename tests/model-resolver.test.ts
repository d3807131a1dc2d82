import { describe, expect, test } from "bun:test";
import type { CopilotModel } from "../src/providers/copilot/model.ts";
import { closestModelIds, normaliseModelId, resolveModel } from "../src/services/model-resolver.ts";

const models = ["gpt-4.1", "gpt-5-mini", "claude-sonnet-4", "claude-sonnet-4.5", "claude-opus-4.5", "claude-opus-4.6", "claude-haiku-4.5"].map(
  (id) => ({ id }) as CopilotModel,
);

describe("model ids", () => {
  test("Anthropic spellings map to Copilot's dotted ids, dates dropped", () => {
    expect(normaliseModelId("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4.5");
    expect(normaliseModelId("claude-opus-4-6")).toBe("claude-opus-4.6");
    expect(resolveModel("claude-sonnet-4-5-20250929", models)?.id).toBe("claude-sonnet-4.5");
    expect(resolveModel("claude-sonnet-4-20250514", models)?.id).toBe("claude-sonnet-4");
    expect(resolveModel("GPT-4.1", models)?.id).toBe("gpt-4.1");
  });

  test("family aliases pick the newest of the family; config aliases win", () => {
    expect(resolveModel("opus", models)?.id).toBe("claude-opus-4.6");
    expect(resolveModel("sonnet", models)?.id).toBe("claude-sonnet-4.5");
    expect(resolveModel("fast", models, { fast: "claude-haiku-4.5" })?.id).toBe("claude-haiku-4.5");
  });

  test("an unavailable version is never downgraded silently", () => {
    expect(resolveModel("claude-opus-4-7", models)).toBeUndefined();
    expect(closestModelIds("claude-opus-4-7", models.map((model) => model.id))[0]).toMatch(/^claude-opus/);
  });
});
