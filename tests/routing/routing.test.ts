import { describe, expect, test } from "bun:test";
import type { ModelCard, Provider } from "../../src/providers/provider.ts";
import { createRouting, type RoutingInput } from "../../src/relay/routing.ts";

/** A provider that serves whatever it is asked; `listing` decides what listModels answers. */
function stubProvider(id: string, listing: () => Promise<ModelCard[]> = async () => []): Provider {
  return {
    id,
    wires: () => ["openai-chat"],
    wireOptions: () => ({ useMaxCompletionTokens: false, reasoningEffort: false }),
    prepare: () => [],
    send: async () => new Response("{}"),
    label: (wire) => `${id} ${wire}`,
    card: (model) => ({ id: model, provider: id }),
    listModels: listing,
  };
}

const copilotModels: ModelCard[] = [{ id: "gpt-4.1" }, { id: "gpt-5-mini" }, { id: "claude-sonnet-4.5" }];

function routing(overrides: Partial<RoutingInput> = {}) {
  const copilot = stubProvider("copilot");
  const zai = stubProvider("zai", async () => [{ id: "glm-4.6" }, { id: "glm-4.5-air" }, { id: "embedding-3" }]);
  const local = stubProvider("local", async () => {
    throw new Error("connection refused");
  });
  const input: RoutingInput = {
    copilot,
    providers: [zai, local],
    routes: [
      { pattern: "glm-*", provider: zai },
      { pattern: "qwen3:*", provider: local },
      { pattern: "fast", provider: copilot, model: "gpt-5-mini" },
      { pattern: "smart", provider: zai, model: "glm-4.6" },
    ],
    copilotKnown: (id) => copilotModels.find((model) => model.id === id),
    copilotFind: async (id) => {
      const model = copilotModels.find((entry) => entry.id === id);
      if (!model) throw new Error(`unknown ${id}`);
      return model;
    },
    ...overrides,
  };
  return { routing: createRouting(input), copilot, zai, local };
}

describe("model routing", () => {
  test("an exact name, then a provider/ prefix, then the first matching pattern, then Copilot's catalogue", () => {
    const { routing: r, copilot, zai, local } = routing();
    expect(r.known("smart")).toEqual({ provider: zai, model: { id: "glm-4.6", provider: "zai" } });
    expect(r.known("zai/glm-4.5-air")?.provider).toBe(zai);
    expect(r.known("zai/glm-4.5-air")?.model.id).toBe("glm-4.5-air");
    expect(r.known("glm-4.6")?.provider).toBe(zai);
    expect(r.known("qwen3:8b")).toEqual({ provider: local, model: { id: "qwen3:8b", provider: "local" } });
    expect(r.known("gpt-4.1")).toEqual({ provider: copilot, model: copilotModels[0] as ModelCard });
    // A Copilot alias resolves in Copilot's catalogue under its upstream id.
    expect(r.known("fast")?.model.id).toBe("gpt-5-mini");
    expect(r.known("copilot/claude-sonnet-4.5")?.model.id).toBe("claude-sonnet-4.5");
  });

  test("an id no route names and Copilot does not know is not known, and find() reports it", async () => {
    const { routing: r } = routing();
    expect(r.known("mistral-large")).toBeUndefined();
    // A prefix that names no provider is an ordinary id.
    expect(r.known("nobody/gpt-4.1")).toBeUndefined();
    await expect(r.find("mistral-large")).rejects.toThrow("unknown mistral-large");
  });

  test("without providers or routes every id goes to Copilot's catalogue as before", async () => {
    const { routing: r, copilot } = routing({ providers: [], routes: [] });
    expect(r.known("gpt-4.1")?.provider).toBe(copilot);
    expect(r.known("zai/glm-4.6")).toBeUndefined();
    expect(await r.listed()).toEqual([]);
  });

  test("fallbacks are routed like clients' ids and never repeat the primary", () => {
    const { routing: r, zai, copilot } = routing({ fallbacks: { "gpt-4.1": ["glm-4.6", "gpt-4.1", "fast", "unknown-model"] } });
    const primary = r.known("gpt-4.1");
    if (!primary) throw new Error("gpt-4.1 is known");
    const candidates = r.candidates(primary);
    expect(candidates.map((target) => [target.provider.id, target.model.id])).toEqual([
      ["copilot", "gpt-4.1"],
      ["zai", "glm-4.6"],
      ["copilot", "gpt-5-mini"],
    ]);
    expect(candidates[1]?.provider).toBe(zai);
    expect(candidates[2]?.provider).toBe(copilot);
  });

  test("listings show ids as clients should send them, and a provider that is down is reported, not fatal", async () => {
    const { routing: r } = routing();
    const listed = await r.listed();
    // glm-* routes to zai, so its models keep their ids; embedding-3 needs the prefix to reach zai.
    expect(listed.map((card) => card.id)).toEqual(["glm-4.6", "glm-4.5-air", "zai/embedding-3"]);
    expect(listed.every((card) => card.provider === "zai")).toBe(true);
    expect(r.listingProblems()).toEqual(["local: connection refused"]);
    expect(r.providers().map((provider) => provider.id)).toEqual(["copilot", "zai", "local"]);
  });
});
