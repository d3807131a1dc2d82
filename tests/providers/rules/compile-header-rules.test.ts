import { describe, expect, test } from "bun:test";
import { ConfigError } from "../../../src/config/config-error.ts";
import { compileHeaderRules, type HeaderRules } from "../../../src/providers/rules/index.ts";

/** What no mode may forward, in the mixed case a client might send. */
const NEVER_FORWARDED: Record<string, string> = {
  Authorization: "Bearer relay-key",
  "Proxy-Authorization": "Basic eA==",
  "X-Api-Key": "relay-key",
  "Api-Key": "azure-key",
  "X-Goog-Api-Key": "gemini-key",
  Cookie: "session=1",
  "Set-Cookie": "a=b",
  Host: "127.0.0.1:4141",
  "Content-Length": "12",
  "Content-Encoding": "gzip",
  "Accept-Encoding": "gzip, br",
  Connection: "keep-alive, X-Hop",
  "X-Hop": "named by Connection",
  "Keep-Alive": "timeout=5",
  "Transfer-Encoding": "chunked",
  TE: "trailers",
  Trailer: "x-checksum",
  Upgrade: "websocket",
  "Proxy-Connection": "keep-alive",
  "X-Copilot-Relay-Model": "gpt-4.1",
  "x-copilot-relay-anything": "1",
};
const NEVER = Object.keys(NEVER_FORWARDED).map((name) => name.toLowerCase());

const client = (extra: Record<string, string> = {}) =>
  new Headers({ ...NEVER_FORWARDED, "User-Agent": "claude-cli/2.1", "X-Trace-Id": "t-1", "X-Debug": "on", "Anthropic-Beta": "tools-1", ...extra });

const apply = (rules: HeaderRules | undefined, headers = client()) => compileHeaderRules(rules).apply(headers);

const problemsOf = (run: () => unknown): readonly string[] => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
};

describe("header rules: which client headers are forwarded", () => {
  test("without a block, no client header reaches the provider", () => {
    expect(apply(undefined)).toEqual({});
    expect(compileHeaderRules(undefined).mode).toBe("allowlist");
  });

  test("passthrough forwards everything except credentials, connection headers and the relay's own", () => {
    expect(apply({ mode: "passthrough" })).toEqual({ "user-agent": "claude-cli/2.1", "x-trace-id": "t-1", "x-debug": "on", "anthropic-beta": "tools-1" });
  });

  test("allowlist forwards only the listed names, matched case-insensitively", () => {
    expect(apply({ mode: "allowlist", list: ["USER-AGENT", "x-trace-id", "x-absent"] })).toEqual({ "user-agent": "claude-cli/2.1", "x-trace-id": "t-1" });
  });

  test("a block without mode is an allowlist", () => {
    expect(apply({ list: ["x-trace-id"] })).toEqual({ "x-trace-id": "t-1" });
    expect(apply({ set: { "x-team": "core" } })).toEqual({ "x-team": "core" });
  });

  test("a list entry ending in * is a prefix", () => {
    const headers = client({ "X-Stainless-Os": "Linux", "X-Stainless-Lang": "js" });
    expect(apply({ mode: "allowlist", list: ["x-stainless-*"] }, headers)).toEqual({ "x-stainless-os": "Linux", "x-stainless-lang": "js" });
    expect(apply({ mode: "denylist", list: ["x-*", "anthropic-*"] }, headers)).toEqual({ "user-agent": "claude-cli/2.1" });
  });

  test("denylist forwards everything but the listed names, and still never a credential", () => {
    expect(apply({ mode: "denylist", list: ["X-Debug", "anthropic-beta"] })).toEqual({ "user-agent": "claude-cli/2.1", "x-trace-id": "t-1" });
  });

  test("a client's credentials are never forwarded, in any mode, even through a prefix or `*`", () => {
    const everyMode: HeaderRules[] = [{ mode: "passthrough" }, { mode: "denylist", list: [] }, { mode: "allowlist", list: ["*"] }, { mode: "allowlist", list: ["x-*", "proxy-*", "content-*"] }];
    for (const rules of everyMode) {
      const forwarded = apply(rules);
      for (const name of NEVER) expect(forwarded).not.toHaveProperty(name);
      expect(Object.values(forwarded).join(" ")).not.toContain("relay-key");
    }
  });

  test("a header named by the client's Connection header is hop-by-hop too", () => {
    const headers = new Headers({ connection: "close, x-private", "x-private": "1", "x-public": "2" });
    expect(apply({ mode: "passthrough" }, headers)).toEqual({ "x-public": "2" });
  });

  test("header names such as __proto__ or constructor are ordinary names", () => {
    const headers = new Headers({ __proto__: "a", constructor: "b" });
    expect(apply({ mode: "passthrough", add: { constructor: "c" } }, headers)).toEqual({ __proto__: "a", constructor: "b" });
  });
});

describe("header rules: set, add, drop", () => {
  const rules: HeaderRules = { mode: "allowlist", list: ["user-agent", "x-trace-id", "x-debug"], set: { "X-Team": "core", "User-Agent": "relay/1" }, add: { "x-source": "relay", "x-trace-id": "generated" }, drop: ["x-debug"] };

  test("set overrides the client's value, add fills in only names still absent, drop removes last", () => {
    expect(apply(rules)).toEqual({ "user-agent": "relay/1", "x-trace-id": "t-1", "x-team": "core", "x-source": "relay" });
    expect(apply(rules, new Headers())).toEqual({ "user-agent": "relay/1", "x-trace-id": "generated", "x-team": "core", "x-source": "relay" });
  });

  test("add looks at the outgoing set: a client header the mode held back does not count as present", () => {
    expect(apply({ mode: "allowlist", add: { "x-trace-id": "generated" } })).toEqual({ "x-trace-id": "generated" });
  });

  test("drop also removes what set and add wrote, by name or prefix", () => {
    expect(apply({ mode: "passthrough", set: { "x-team": "core" }, add: { "x-extra": "1" }, drop: ["X-TEAM", "x-e*", "anthropic-beta"] })).toEqual({ "user-agent": "claude-cli/2.1", "x-trace-id": "t-1", "x-debug": "on" });
  });

  test("set may give the provider a credential of the config's own; it is not the client's", () => {
    expect(apply({ set: { "x-api-key": "gateway-key" } })).toEqual({ "x-api-key": "gateway-key" });
  });

  test("the client's Headers object is left as it was", () => {
    const headers = client();
    apply(rules, headers);
    expect(headers.get("authorization")).toBe("Bearer relay-key");
    expect(headers.get("user-agent")).toBe("claude-cli/2.1");
  });
});

describe("header rules: validation", () => {
  test("every problem is named, with its place, in one ConfigError", () => {
    const problems = problemsOf(() =>
      compileHeaderRules({ mode: "allowlist", list: ["Authorization", "bad name"], set: { host: "x", "X-A": "1", "x-a": "2", "x-b": "a\nb" }, add: { "content-length": "1" }, drop: ["x y"] }, ["providers", "zai", "headers"]),
    );
    expect(problems).toEqual([
      'Invalid configuration at providers.zai.headers.list[1]: "bad name" is not a valid header name',
      "Invalid configuration at providers.zai.headers.list[0]: authorization is never forwarded from the client (credentials and connection headers are always stripped); give the provider its own value with set",
      "Invalid configuration at providers.zai.headers.set.host: host belongs to the connection; fetch sets it",
      "Invalid configuration at providers.zai.headers.set.x-a: x-a is given twice (header names are case-insensitive)",
      "Invalid configuration at providers.zai.headers.set.x-b: the value may not hold line breaks, NUL or characters beyond Latin-1",
      "Invalid configuration at providers.zai.headers.add.content-length: content-length belongs to the connection; fetch sets it",
      'Invalid configuration at providers.zai.headers.drop[0]: "x y" is not a valid header name',
    ]);
  });

  test("list is refused in passthrough mode, where it would mean nothing", () => {
    expect(problemsOf(() => compileHeaderRules({ mode: "passthrough", list: ["x-a"] }))).toEqual(["Invalid configuration at headers.list: is only read in allowlist or denylist mode"]);
  });

  test("a value is never quoted in a problem: it may be a secret", () => {
    const [problem] = problemsOf(() => compileHeaderRules({ set: { "x-key": "sk-secret\r\n" } }));
    expect(problem).not.toContain("sk-secret");
  });

  test("a denylist may name a stripped header: it is stripped anyway", () => {
    expect(apply({ mode: "denylist", list: ["authorization", "x-debug"] })).toEqual({ "user-agent": "claude-cli/2.1", "x-trace-id": "t-1", "anthropic-beta": "tools-1" });
  });
});
