import { describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { createApiKeyCheck, presentedKey } from "../../src/services/control/index.ts";

const keys = ["relay-key-one-0123456789", "relay-key-two-abcdefghij"];
const nameOf = (key: string) => `key-${createHash("sha256").update(key).digest("hex").slice(0, 8)}`;

describe("API key check", () => {
  test("names the matching key by its SHA-256 prefix, never by the key", () => {
    const check = createApiKeyCheck(keys);
    expect(check.required).toBe(true);
    for (const key of keys) {
      const name = check.check(key);
      expect(name).toBe(nameOf(key));
      expect(name).toMatch(/^key-[0-9a-f]{8}$/);
      expect(name).not.toContain(key);
    }
    expect(check.check(keys[0])).not.toBe(check.check(keys[1]));
  });

  test("refuses a wrong key of the same length, of another length, an empty one and none", () => {
    const check = createApiKeyCheck(keys);
    const sameLength = `${keys[0]?.slice(0, -1)}X`;
    expect(sameLength.length).toBe(keys[0]?.length ?? 0);
    expect(check.check(sameLength)).toBeUndefined();
    expect(check.check("short")).toBeUndefined();
    expect(check.check(`${keys[0]}-and-more`)).toBeUndefined();
    expect(check.check("x".repeat(10_000))).toBeUndefined();
    expect(check.check("")).toBeUndefined();
    expect(check.check(undefined)).toBeUndefined();
  });

  test("requires nothing and accepts nothing when no keys are configured", () => {
    const check = createApiKeyCheck([]);
    expect(check.required).toBe(false);
    expect(check.check("anything")).toBeUndefined();
    expect(createApiKeyCheck([""]).required).toBe(false);
  });
});

describe("presented key", () => {
  test("reads Authorization: Bearer with any case of the scheme", () => {
    expect(presentedKey(new Headers({ authorization: "Bearer abc123" }))).toBe("abc123");
    expect(presentedKey(new Headers({ authorization: "bearer  abc123 " }))).toBe("abc123");
    expect(presentedKey(new Headers({ Authorization: "BEARER abc123" }))).toBe("abc123");
  });

  test("reads x-api-key, as Claude Code sends it", () => {
    expect(presentedKey(new Headers({ "x-api-key": "abc123" }))).toBe("abc123");
    expect(presentedKey(new Headers({ authorization: "Basic dXNlcjpwYXNz", "x-api-key": "abc123" }))).toBe("abc123");
  });

  test("finds nothing in other schemes or empty headers", () => {
    expect(presentedKey(new Headers({ authorization: "Basic dXNlcjpwYXNz" }))).toBeUndefined();
    expect(presentedKey(new Headers({ authorization: "Bearer " }))).toBeUndefined();
    expect(presentedKey(new Headers({ "x-api-key": "  " }))).toBeUndefined();
    expect(presentedKey(new Headers())).toBeUndefined();
  });

  test("the key read from either header passes the check", () => {
    const check = createApiKeyCheck(keys);
    expect(check.check(presentedKey(new Headers({ authorization: `Bearer ${keys[1]}` })))).toBe(nameOf(keys[1] ?? ""));
    expect(check.check(presentedKey(new Headers({ "x-api-key": keys[0] ?? "" })))).toBe(nameOf(keys[0] ?? ""));
  });
});
