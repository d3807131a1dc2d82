import { describe, expect, test } from "bun:test";
import { proxyFor } from "../src/core/proxy.ts";

describe("--proxy-env: which upstream calls go through the proxy", () => {
  const env = { HTTPS_PROXY: "http://proxy.internal:3128", HTTP_PROXY: "http://plain.internal:3128", NO_PROXY: "localhost,.corp.example,api.github.com:8443" };
  test("https and http pick their own variable", () => {
    expect(proxyFor("https://api.githubcopilot.com/chat/completions", env)).toBe("http://proxy.internal:3128");
    expect(proxyFor("http://example.org/", env)).toBe("http://plain.internal:3128");
    expect(proxyFor("https://x.org/", { https_proxy: "http://lower:1" })).toBe("http://lower:1");
  });
  test("NO_PROXY hosts, domain suffixes and ports are bypassed", () => {
    expect(proxyFor("http://localhost:4141/", env)).toBeUndefined();
    expect(proxyFor("https://git.corp.example/", env)).toBeUndefined();
    expect(proxyFor("https://api.github.com:8443/", env)).toBeUndefined();
    expect(proxyFor("https://api.github.com/", env)).toBe("http://proxy.internal:3128");
    expect(proxyFor("https://anything/", { HTTPS_PROXY: "http://p:1", NO_PROXY: "*" })).toBeUndefined();
  });
  test("no proxy variables, no proxy", () => {
    expect(proxyFor("https://api.github.com/", {})).toBeUndefined();
  });
});
