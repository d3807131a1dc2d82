import { afterEach, describe, expect, test } from "bun:test";
import { compileBodyTransforms, compileHeaderRules } from "../../../src/providers/rules/index.ts";

const NativeRegExp = globalThis.RegExp;

/** Counts every `new RegExp(…)` and `RegExp(…)` made through the global while it is installed. */
function countRegExps() {
  const counter = { made: 0 };
  globalThis.RegExp = new Proxy(NativeRegExp, {
    construct(target, args, newTarget) {
      counter.made++;
      return Reflect.construct(target, args, newTarget);
    },
    apply(target, self, args) {
      counter.made++;
      return Reflect.apply(target, self, args);
    },
  });
  return counter;
}

afterEach(() => {
  globalThis.RegExp = NativeRegExp;
});

describe("rules are compiled once", () => {
  test("compiling builds the patterns; applying them, request after request, builds none", () => {
    const counter = countRegExps();
    const transforms = compileBodyTransforms({
      request: [{ regex: "Claude Code", replace: "an assistant", flags: "g" }, { regex: "é", replace: "e", flags: "u" }, { drop: "$.messages[?(@.role == 'system')]" }, { set: "$.metadata.team", value: "core" }],
      response: [{ regex: "GLM", replace: "the model" }, { drop: "$.usage" }],
    });
    const headers = compileHeaderRules({ mode: "denylist", list: ["x-debug", "x-stainless-*"], set: { "x-team": "core" } });
    expect(counter.made).toBeGreaterThanOrEqual(3);

    counter.made = 0;
    const rewrite = transforms.createEventTransform();
    for (let round = 0; round < 50; round++) {
      const body = { metadata: {}, messages: [{ role: "system", content: "x" }, { role: "user", content: "Claude Code, héllo" }] };
      transforms.request(body);
      transforms.response({ choices: [{ message: { content: "GLM" } }], usage: {} });
      rewrite('{"delta":{"text":"GLM"},"usage":{}}');
      headers.apply(new Headers({ "user-agent": "ua", "x-debug": "1", authorization: "Bearer k" }));
    }
    expect(counter.made).toBe(0);
  });
});
