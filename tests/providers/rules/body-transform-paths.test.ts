import { describe, expect, test } from "bun:test";
import { ConfigError } from "../../../src/config/config-error.ts";
import { type BodyTransform, compileBodyTransforms } from "../../../src/providers/rules/index.ts";

/** Runs one request transform on a copy of `body`; returns the copy and whether it changed. */
function run(transform: BodyTransform, body: Record<string, unknown>) {
  const copy = structuredClone(body);
  const changed = compileBodyTransforms({ request: [transform] }).request(copy);
  return { body: copy, changed };
}

const messagesOf = (body: Record<string, unknown>) => body.messages as Record<string, unknown>[];

const problemsOf = (transforms: BodyTransform[]): readonly string[] => {
  try {
    compileBodyTransforms({ request: transforms }, ["providers", "zai", "transforms"]);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
};

const conversation = () => ({
  model: "glm-4.6",
  metadata: { user_id: "u-1" },
  messages: [
    { role: "system", content: "one" },
    { role: "user", content: "two", cache_control: { type: "ephemeral" } },
    { role: "system", content: "three" },
    { role: "assistant", content: [{ type: "text", text: "four", cache_control: { type: "ephemeral" } }] },
  ],
  stop: ["a", "b"],
  temperature: 1,
});

describe("JSONPath drop", () => {
  test("removes a top-level or nested key; a path that matches nothing changes nothing", () => {
    expect(run({ drop: "$.metadata" }, conversation()).body).not.toHaveProperty("metadata");
    expect(run({ drop: "$.metadata.user_id" }, conversation()).body.metadata).toEqual({});
    expect(run({ drop: "$.absent.deeper" }, conversation())).toEqual({ body: conversation(), changed: false });
  });

  test("removes every list element a filter matches, however many, without skipping neighbours", () => {
    const { body, changed } = run({ drop: "$.messages[?(@.role == 'system')]" }, conversation());
    expect(changed).toBe(true);
    expect(body.messages).toEqual([conversation().messages[1], conversation().messages[3]]);
  });

  test("list indexes, unions and slices remove each element once, from the highest index down", () => {
    const body = { stop: ["a", "b", "c", "d"] };
    expect(run({ drop: "$.stop[0]" }, body).body.stop).toEqual(["b", "c", "d"]);
    expect(run({ drop: "$.stop[0,0]" }, body).body.stop).toEqual(["b", "c", "d"]);
    expect(run({ drop: "$.stop[0,2]" }, body).body.stop).toEqual(["b", "d"]);
    expect(run({ drop: "$.stop[-2:]" }, body).body.stop).toEqual(["a", "b"]);
    expect(run({ drop: "$.stop[*]" }, body).body.stop).toEqual([]);
  });

  test("recursive descent drops the key wherever it is", () => {
    const { body } = run({ drop: "$..cache_control" }, conversation());
    expect(JSON.stringify(body)).not.toContain("cache_control");
    expect(body.messages).toHaveLength(4);
  });

  test("bracket notation reaches keys that are not identifiers", () => {
    const body = { tools: [{ input_schema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object" } }] };
    expect(run({ drop: "$.tools[*].input_schema['$schema']" }, body).body).toEqual({ tools: [{ input_schema: { type: "object" } }] });
  });

  test("a filter that cannot be evaluated on one node does not match it, instead of failing the request", () => {
    const body = { messages: [{ role: "user" }, { role: "user", content: "long enough" }, { role: "user", content: "no" }] };
    expect(run({ drop: "$.messages[?(@.content.length > 3)]" }, body).body.messages).toEqual([{ role: "user" }, { role: "user", content: "no" }]);
  });
});

describe("JSONPath set", () => {
  test("replaces an existing value and creates a missing top-level key", () => {
    expect(run({ set: "$.temperature", value: 0.2 }, conversation()).body.temperature).toBe(0.2);
    expect(run({ set: "$.top_p", value: 0.9 }, conversation()).body.top_p).toBe(0.9);
  });

  test("creates the last key of a nested path when its parent exists, and nothing when it does not", () => {
    const body = { a: { b: {} } };
    expect(run({ set: "$.a.b.c", value: { d: [1] } }, body).body).toEqual({ a: { b: { c: { d: [1] } } } });
    expect(run({ set: "$.a['key with spaces']", value: true }, body).body).toEqual({ a: { b: {}, "key with spaces": true } });
    expect(run({ set: '$["a"]["b"]["x-y"]', value: "z" }, body).body).toEqual({ a: { b: { "x-y": "z" } } });
    expect(run({ set: "$.missing.c", value: 1 }, body)).toEqual({ body, changed: false });
  });

  test("creates the key under every parent a wildcard or filter matches", () => {
    const { body } = run({ set: "$.messages[?(@.role == 'system')].cache_control", value: { type: "ephemeral" } }, conversation());
    expect(messagesOf(body).map((message) => "cache_control" in message)).toEqual([true, true, true, false]);
    expect(messagesOf(body)[0]).toEqual({ role: "system", content: "one", cache_control: { type: "ephemeral" } });

    const everyone = run({ set: "$.messages[*].name", value: "n" }, conversation()).body;
    expect(messagesOf(everyone).every((message) => message.name === "n")).toBe(true);
  });

  test("a list index is replaced or appended at the end, never leaving holes", () => {
    expect(run({ set: "$.stop[0]", value: "z" }, conversation()).body.stop).toEqual(["z", "b"]);
    expect(run({ set: "$.stop[2]", value: "c" }, conversation()).body.stop).toEqual(["a", "b", "c"]);
    expect(run({ set: "$.stop[5]", value: "c" }, conversation())).toMatchObject({ changed: false });
  });

  test("a path ending in a wildcard, a filter or ..name replaces what exists and creates nothing", () => {
    expect(run({ set: "$.stop[*]", value: "x" }, conversation()).body.stop).toEqual(["x", "x"]);
    expect(messagesOf(run({ set: "$.messages[?(@.role == 'assistant')]", value: { role: "assistant", content: "" } }, conversation()).body)[3]).toEqual({ role: "assistant", content: "" });
    const nested = { a: { temperature: 1 }, b: { c: { temperature: 2 } }, d: {} };
    expect(run({ set: "$..temperature", value: 0 }, nested).body).toEqual({ a: { temperature: 0 }, b: { c: { temperature: 0 } }, d: {} });
  });

  test("null is a value like any other; writing the value already there is no change", () => {
    expect(run({ set: "$.metadata", value: null }, conversation()).body.metadata).toBeNull();
    expect(run({ set: "$.temperature", value: 1 }, conversation())).toMatchObject({ changed: false });
  });
});

describe("transform validation", () => {
  test("an invalid path or regex names the transform's index and field", () => {
    expect(
      problemsOf([
        { regex: "Claude Code", replace: "" },
        { drop: "metadata" },
        { drop: "$" },
        { drop: "$.a[" },
        { set: "$.a.", value: 1 },
        { set: "$[?(@.x ==)]", value: 1 },
        { drop: "$.messages[?(undefinedName)]" },
        { drop: "$.a~" },
        { drop: "$a" },
        { regex: "(", replace: "" },
        { regex: "a", replace: "", flags: "gy" },
        { regex: "a", replace: "", flags: "uv" },
        { drop: "$.a)" },
      ]),
    ).toEqual([
      'Invalid configuration at providers.zai.transforms.request[1].drop: invalid JSONPath "metadata": must start with $',
      'Invalid configuration at providers.zai.transforms.request[2].drop: invalid JSONPath "$": names the whole body; name a part of it',
      'Invalid configuration at providers.zai.transforms.request[3].drop: invalid JSONPath "$.a[": a [ is not closed',
      'Invalid configuration at providers.zai.transforms.request[4].set: invalid JSONPath "$.a.": ends with a dot',
      'Invalid configuration at providers.zai.transforms.request[5].set: invalid JSONPath "$[?(@.x ==)]": ?(@.x ==): Expected expression after == at character 9',
      'Invalid configuration at providers.zai.transforms.request[6].drop: invalid JSONPath "$.messages[?(undefinedName)]": ?(undefinedName): jsonPath: undefinedName is not defined: undefinedName',
      'Invalid configuration at providers.zai.transforms.request[7].drop: invalid JSONPath "$.a~": ~ selects property names, not values',
      'Invalid configuration at providers.zai.transforms.request[8].drop: invalid JSONPath "$a": $ must be followed by . or [',
      expect.stringContaining('Invalid configuration at providers.zai.transforms.request[9].regex: invalid regular expression "(": '),
      'Invalid configuration at providers.zai.transforms.request[10].flags: "gy" has a flag other than d, g, i, m, s, u, v (y is refused: it makes a shared pattern stateful)',
      expect.stringContaining('Invalid configuration at providers.zai.transforms.request[11].regex: invalid regular expression "a" with flags uv: '),
      'Invalid configuration at providers.zai.transforms.request[12].drop: invalid JSONPath "$.a)": unexpected ) at character 4',
    ]);
  });

  test("a transform is exactly one kind, with the keys of that kind", () => {
    expect(problemsOf([{}, { regex: "a" }, { set: "$.a" }, { drop: "$.a", set: "$.b", value: 1 }, { drop: "$.a", replace: "x" }, { set: "$.a", value: 1, flags: "g" }, { set: "$.__proto__", value: {} }])).toEqual([
      "Invalid configuration at providers.zai.transforms.request[0]: needs one of regex, drop or set",
      'Invalid configuration at providers.zai.transforms.request[1].replace: is required with regex (use "" to delete the match)',
      "Invalid configuration at providers.zai.transforms.request[2].value: is required with set",
      "Invalid configuration at providers.zai.transforms.request[3]: has drop and set: give each its own transform",
      "Invalid configuration at providers.zai.transforms.request[4].replace: is not read by a drop transform",
      "Invalid configuration at providers.zai.transforms.request[5].flags: is not read by a set transform",
      "Invalid configuration at providers.zai.transforms.request[6].set: cannot create __proto__",
    ]);
  });

  test("problems on both sides are reported together, each under its side", () => {
    try {
      compileBodyTransforms({ request: [{ drop: "x" }], response: [{ regex: "[", replace: "" }] });
      throw new Error("expected a ConfigError");
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([expect.stringContaining("at transforms.request[0].drop:"), expect.stringContaining("at transforms.response[0].regex:")]);
      expect((error as Error).message).toStartWith("2 configuration problems:");
    }
  });
});
