import { describe, expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { schemaProblems } from "../../../src/config/schema-problems.ts";
import { BodyTransformsSchema, compileBodyTransforms, compileHeaderRules, HeaderRulesSchema } from "../../../src/providers/rules/index.ts";

const EXAMPLE = `
providers:
  zai:
    type: openai
    baseUrl: https://api.z.ai/api/coding/paas/v4
    headers:
      mode: allowlist
      list: [user-agent, x-trace-id]
      set:  { x-team: core }
      add:  { x-source: relay }
      drop: [x-debug]
    transforms:
      request:
        - { regex: "Claude Code", replace: "an assistant", flags: "g" }
        - { drop: "$.metadata" }
        - { set: "$.temperature", value: 0.2 }
      response:
        - { regex: "GLM", replace: "the model" }
`;

interface Example {
  providers: { zai: { headers: unknown; transforms: { request: unknown; response: unknown } } };
}

describe("rule schemas", () => {
  const { headers, transforms } = (Bun.YAML.parse(EXAMPLE) as Example).providers.zai;

  test("the documented example passes both schemas and compiles into working rules", () => {
    expect(Value.Check(HeaderRulesSchema, headers)).toBe(true);
    expect(Value.Check(BodyTransformsSchema, transforms.request)).toBe(true);
    expect(Value.Check(BodyTransformsSchema, transforms.response)).toBe(true);
    if (!Value.Check(HeaderRulesSchema, headers) || !Value.Check(BodyTransformsSchema, transforms.request) || !Value.Check(BodyTransformsSchema, transforms.response)) return;

    const outgoing = compileHeaderRules(headers).apply(new Headers({ authorization: "Bearer k", "user-agent": "ua", "x-debug": "1", "x-other": "2" }));
    expect(outgoing).toEqual({ "user-agent": "ua", "x-team": "core", "x-source": "relay" });

    const compiled = compileBodyTransforms({ request: transforms.request, response: transforms.response });
    const body: Record<string, unknown> = { model: "glm-4.6", metadata: { user_id: "u" }, messages: [{ role: "system", content: "You are Claude Code" }] };
    compiled.request(body);
    expect(body).toEqual({ model: "glm-4.6", messages: [{ role: "system", content: "You are an assistant" }], temperature: 0.2 });
    expect(compiled.createEventTransform()('{"delta":"GLM"}')).toBe('{"delta":"the model"}');
  });

  test("a misspelt key is named with the known ones; a wrong mode lists the allowed modes", () => {
    expect(schemaProblems(BodyTransformsSchema, [{ regx: "a", replace: "b" }], ["transforms", "request"])).toEqual([
      "Invalid configuration at transforms.request[0].regx: unknown key (known: regex, replace, flags, drop, set, value)",
    ]);
    expect(schemaProblems(HeaderRulesSchema, { mode: "allow", lists: [] }, ["headers"])).toEqual([
      "Invalid configuration at headers.lists: unknown key (known: mode, list, set, add, drop)",
      'Invalid configuration at headers.mode: expected one of passthrough, allowlist, denylist (got "allow")',
    ]);
  });

  test("header values must be strings and names non-empty; a transform list must be a list of mappings", () => {
    expect(Value.Check(HeaderRulesSchema, { set: { "x-n": 5 } })).toBe(false);
    expect(Value.Check(HeaderRulesSchema, { list: [""] })).toBe(false);
    expect(Value.Check(BodyTransformsSchema, { regex: "a", replace: "b" })).toBe(false);
    expect(Value.Check(BodyTransformsSchema, [{ drop: "" }])).toBe(false);
    expect(Value.Check(BodyTransformsSchema, [{ set: "$.a", value: { nested: [1, "two", null] } }])).toBe(true);
  });
});
