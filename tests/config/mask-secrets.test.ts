import { describe, expect, test } from "bun:test";
import { maskSecret, maskSecrets } from "../../src/config/mask-secrets.ts";

describe("secrets masked for printing", () => {
  test("the first 4 characters and …; short values show nothing", () => {
    expect(maskSecret("zk-0123456789")).toBe("zk-0…");
    expect(maskSecret("12345678")).toBe("…");
  });

  test("by key name at any depth, by a header rule's name, and by token shape anywhere; numbers and booleans stay", () => {
    const masked = maskSecrets({
      apiKey: "abcdefghijkl",
      apiKeys: ["first-key-123", "second-key-456"],
      keyRequestsPerMinute: 60,
      showToken: true,
      headers: { set: { Authorization: "Bearer abcdefghijkl", "x-request-source": "relay" } },
      rules: [{ name: "x-api-key", value: "header-secret-1" }, { name: "x-trace", value: "visible" }],
      note: "gho_abcdefghijklmnopqrstuvwxyz",
      nested: { clientSecret: "s3cr3t-value-1", password: "hunter2hunter2" },
    });
    expect(masked).toEqual({
      apiKey: "abcd…",
      apiKeys: ["firs…", "seco…"],
      keyRequestsPerMinute: 60,
      showToken: true,
      headers: { set: { Authorization: "Bear…", "x-request-source": "relay" } },
      rules: [{ name: "x-api-key", value: "head…" }, { name: "x-trace", value: "visible" }],
      note: "gho_…",
      nested: { clientSecret: "s3cr…", password: "hunt…" },
    });
  });
});
