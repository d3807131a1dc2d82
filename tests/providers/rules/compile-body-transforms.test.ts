import { describe, expect, test } from "bun:test";
import { compileBodyTransforms, type TransformsBlock } from "../../../src/providers/rules/index.ts";

const requestOf = (transforms: TransformsBlock["request"]) => compileBodyTransforms({ request: transforms });

/** A Chat Completions request with every field a regex must leave alone. */
const chatBody = () => ({
  model: "Claude Code",
  messages: [
    { role: "system", content: "You are Claude Code. Claude Code is careful." },
    { role: "user", name: "Claude Code", content: [{ type: "text", text: "Hi Claude Code" }, { type: "image_url", image_url: { url: "data:image/png;base64,Q2xhdWRlIENvZGU=" } }] },
    { role: "assistant", content: null, tool_calls: [{ id: "Claude Code", type: "function", function: { name: "Claude Code", arguments: '{"q":"Claude Code"}' } }] },
    { role: "tool", tool_call_id: "Claude Code", content: "Claude Code said hi" },
  ],
  tools: [{ type: "function", function: { name: "search", description: "Search like Claude Code" } }],
  stop: ["Claude Code"],
  temperature: 1,
});

/** Every string in a JSON value by its path (`$.messages[0].content`), in document order. */
function stringLeaves(value: unknown, path = "$", found = new Map<string, string>()): Map<string, string> {
  if (typeof value === "string") found.set(path, value);
  else if (Array.isArray(value)) value.forEach((item, index) => stringLeaves(item, `${path}[${index}]`, found));
  else if (typeof value === "object" && value !== null) for (const [key, item] of Object.entries(value)) stringLeaves(item, `${path}.${key}`, found);
  return found;
}

describe("body transforms: what is configured", () => {
  test("hasRequest and hasResponse say which side has work, so the relay can skip the other", () => {
    expect(compileBodyTransforms(undefined)).toMatchObject({ hasRequest: false, hasResponse: false });
    expect(compileBodyTransforms({ request: [], response: [] })).toMatchObject({ hasRequest: false, hasResponse: false });
    expect(compileBodyTransforms({ request: [{ drop: "$.metadata" }] })).toMatchObject({ hasRequest: true, hasResponse: false });
    expect(compileBodyTransforms({ response: [{ regex: "a", replace: "b" }] })).toMatchObject({ hasRequest: false, hasResponse: true });
  });

  test("with nothing configured, every entry point is a no-op that reports no change", () => {
    const none = compileBodyTransforms(undefined);
    const body = chatBody();
    expect(none.request(body)).toBe(false);
    expect(none.response(body)).toBe(false);
    expect(body).toEqual(chatBody());
    expect(none.createEventTransform()('{"a": 1}')).toBe('{"a": 1}');
  });
});

describe("request transforms: regex replace on text", () => {
  test("rewrites every text string leaf, at any depth, and leaves structure, ids, names and payloads alone", () => {
    const body = chatBody();
    expect(requestOf([{ regex: "Claude Code", replace: "an assistant", flags: "g" }]).request(body)).toBe(true);
    const before = stringLeaves(chatBody());
    const after = stringLeaves(body);
    expect([...after.keys()].filter((path) => after.get(path) !== before.get(path))).toEqual([
      "$.messages[0].content",
      "$.messages[1].content[0].text",
      "$.messages[2].tool_calls[0].function.arguments",
      "$.messages[3].content",
      "$.tools[0].function.description",
      "$.stop[0]",
    ]);
    expect(after.get("$.messages[0].content")).toBe("You are an assistant. an assistant is careful.");
    expect(after.get("$.messages[2].tool_calls[0].function.arguments")).toBe('{"q":"an assistant"}');
  });

  test("Anthropic and Ollama shapes: system blocks, tool_use ids, thinking signatures, base64 images", () => {
    const body = {
      model: "m",
      system: [{ type: "text", text: "Be Claude Code" }],
      messages: [
        { role: "assistant", content: [{ type: "thinking", thinking: "Claude Code thinks", signature: "Claude Code" }, { type: "tool_use", id: "Claude Code", name: "Claude Code", input: { q: "Claude Code" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "Claude Code", content: "ok Claude Code" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "Claude Code" } }] },
        { role: "user", content: "look Claude Code", images: ["Claude Code"] },
      ],
    };
    requestOf([{ regex: "Claude Code", replace: "X", flags: "g" }]).request(body);
    expect(body.system[0]?.text).toBe("Be X");
    expect(body.messages[0]?.content).toEqual([{ type: "thinking", thinking: "X thinks", signature: "Claude Code" }, { type: "tool_use", id: "Claude Code", name: "Claude Code", input: { q: "X" } }]);
    expect(body.messages[1]?.content).toEqual([{ type: "tool_result", tool_use_id: "Claude Code", content: "ok X" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "Claude Code" } }]);
    expect(body.messages[2]).toEqual({ role: "user", content: "look X", images: ["Claude Code"] });
  });

  test("without g only the first match of each string changes; flags, groups and $& work as in String.replace", () => {
    const body = { a: "x x", b: ["x x"], c: "Hello World", d: "2026-12-02" };
    requestOf([{ regex: "x", replace: "y" }, { regex: "world", replace: "[$&]", flags: "i" }, { regex: "(\\d+)-(\\d+)-(\\d+)", replace: "$3.$2.$1" }]).request(body);
    expect(body).toEqual({ a: "y x", b: ["y x"], c: "Hello [World]", d: "02.12.2026" });
  });

  test("request reports false when no transform matched, so the client's bytes can go upstream untouched", () => {
    const body = chatBody();
    expect(requestOf([{ regex: "nowhere", replace: "x", flags: "g" }, { drop: "$.metadata" }, { set: "$.temperature", value: 1 }]).request(body)).toBe(false);
    expect(body).toEqual(chatBody());
  });
});

describe("request transforms: order", () => {
  test("transforms apply in the order given", () => {
    const chained = { text: "A" };
    requestOf([{ regex: "A", replace: "B" }, { regex: "B", replace: "C" }]).request(chained);
    expect(chained.text).toBe("C");

    const reversed = { text: "A" };
    requestOf([{ regex: "B", replace: "C" }, { regex: "A", replace: "B" }]).request(reversed);
    expect(reversed.text).toBe("B");
  });

  test("a set before a regex is rewritten by it; a set after it is not", () => {
    const before: Record<string, unknown> = { x: "" };
    requestOf([{ set: "$.note", value: "from A" }, { regex: "A", replace: "B" }]).request(before);
    expect(before.note).toBe("from B");

    const after: Record<string, unknown> = { x: "" };
    requestOf([{ regex: "A", replace: "B" }, { set: "$.note", value: "from A" }]).request(after);
    expect(after.note).toBe("from A");
  });

  test("drop then set recreates the field; set then drop removes it", () => {
    const recreated: Record<string, unknown> = { metadata: { user_id: "u" } };
    requestOf([{ drop: "$.metadata" }, { set: "$.metadata", value: { team: "core" } }]).request(recreated);
    expect(recreated).toEqual({ metadata: { team: "core" } });

    const removed: Record<string, unknown> = { metadata: { user_id: "u" } };
    requestOf([{ set: "$.metadata", value: { team: "core" } }, { drop: "$.metadata" }]).request(removed);
    expect(removed).toEqual({});
  });

  test("a set value is copied per request: a later transform never edits the config", () => {
    const value = { user: "Claude Code" };
    const transforms = requestOf([{ set: "$.metadata", value }, { regex: "Claude Code", replace: "X" }]);
    const first: Record<string, unknown> = {};
    const second: Record<string, unknown> = {};
    transforms.request(first);
    transforms.request(second);
    expect(first.metadata).toEqual({ user: "X" });
    expect(second.metadata).toEqual({ user: "X" });
    expect(value).toEqual({ user: "Claude Code" });
    expect(first.metadata).not.toBe(second.metadata);
  });
});
