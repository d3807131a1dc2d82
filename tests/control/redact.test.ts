import { describe, expect, test } from "bun:test";
import { redactBody, redactHeaders } from "../../src/services/control/index.ts";

const githubToken = `gho_${"A1b2C3d4E5".repeat(4)}`;
const copilotToken = "tid=0123abcd;exp=1735689600;sku=copilot_for_business;proxy-ep=proxy.individual.githubcopilot.com;8kp=1:deadbeef";

describe("header redaction", () => {
  test("hides credentials and cookies, keeps the rest", () => {
    const redacted = redactHeaders(
      new Headers({
        authorization: `Bearer ${copilotToken}`,
        "proxy-authorization": "Basic abc",
        "x-api-key": "sk-ant-api03-secret",
        "api-key": "azure-key",
        cookie: "session=1",
        "content-type": "application/json",
      }),
    );
    expect(redacted).toEqual({
      authorization: "[redacted]",
      "proxy-authorization": "[redacted]",
      "x-api-key": "[redacted]",
      "api-key": "[redacted]",
      cookie: "[redacted]",
      "content-type": "application/json",
    });
  });

  test("matches names in any case in a plain record, and token-like values in other headers", () => {
    expect(redactHeaders({ Authorization: "Bearer x", "Set-Cookie": "a=b", "X-Forwarded-Token": githubToken, Accept: "*/*" })).toEqual({
      Authorization: "[redacted]",
      "Set-Cookie": "[redacted]",
      "X-Forwarded-Token": "[redacted]",
      Accept: "*/*",
    });
  });
});

describe("body redaction", () => {
  test("hides secret fields of JSON at any depth, whatever their spelling, and keeps the others", () => {
    const body = {
      model: "gpt-4.1",
      max_tokens: 100,
      api_key: "k1",
      nested: { apiKey: "k2", deeper: [{ "api-key": "k3", Authorization: "Basic x", TOKEN: 1, access_token: "a", refresh_token: "r" }] },
      auth: { id_token: "i", password: "p", secret: { any: "shape" }, client_secret: "c", "x-api-key": "x" },
      usage: { input_tokens: 5, output_tokens: 7 },
    };
    const redacted = JSON.parse(redactBody(JSON.stringify(body)));
    expect(redacted).toEqual({
      model: "gpt-4.1",
      max_tokens: 100,
      api_key: "[redacted]",
      nested: {
        apiKey: "[redacted]",
        deeper: [{ "api-key": "[redacted]", Authorization: "[redacted]", TOKEN: "[redacted]", access_token: "[redacted]", refresh_token: "[redacted]" }],
      },
      auth: { id_token: "[redacted]", password: "[redacted]", secret: "[redacted]", client_secret: "[redacted]", "x-api-key": "[redacted]" },
      usage: { input_tokens: 5, output_tokens: 7 },
    });
  });

  test("hides token-like strings anywhere, in JSON or plain text", () => {
    const text = [
      `my token is ${githubToken}.`,
      `ghu_${"x".repeat(30)} ghp_${"y".repeat(36)} ghs_${"z".repeat(20)} ghr_${"w".repeat(25)}`,
      `github_pat_${"11AAAA".repeat(10)}`,
      `openai sk-proj-${"a".repeat(40)} anthropic sk-ant-api03-${"b".repeat(60)}`,
      `copilot ${copilotToken} end`,
      "header: Bearer abc.def-ghi",
    ].join("\n");
    const redacted = redactBody(text);
    expect(redacted).toBe(
      [
        "my token is [redacted].",
        "[redacted] [redacted] [redacted] [redacted]",
        "[redacted]",
        "openai [redacted] anthropic [redacted]",
        "copilot [redacted] end",
        "header: Bearer [redacted]",
      ].join("\n"),
    );
    const json = redactBody(JSON.stringify({ messages: [{ role: "user", content: `use ${githubToken} and "${copilotToken}"` }] }));
    expect(json).not.toContain(githubToken);
    expect(json).not.toContain("tid=");
    expect(JSON.parse(json).messages[0].content).toBe('use [redacted] and "[redacted]"');
  });

  test("leaves look-alikes that are not tokens alone", () => {
    const text = `task-${"a".repeat(30)} gho_short sk-tooshort mytid=1 ghost_${"a".repeat(30)}`;
    expect(redactBody(text)).toBe(text);
  });

  test("hides secret fields in text that is not one JSON document, such as an SSE stream", () => {
    const sse = `data: {"api_key": "k\\"1", "model":"gpt-4.1"}\n\ndata: {"accessToken":"a","text":"hi"}\n\ndata: [DONE]\n\n`;
    expect(redactBody(sse)).toBe(`data: {"api_key": "[redacted]", "model":"gpt-4.1"}\n\ndata: {"accessToken":"[redacted]","text":"hi"}\n\ndata: [DONE]\n\n`);
  });

  test("keeps the start and end of a long text and says how much was left out", () => {
    const text = `${"a".repeat(3000)}${"b".repeat(4000)}${"c".repeat(3000)}`;
    const redacted = redactBody(text, 4000);
    expect(redacted).toBe(`${"a".repeat(2000)}…[6000 characters omitted]…${"c".repeat(2000)}`);
    expect(redactBody("short", 4000)).toBe("short");
  });

  test("redacts before truncating, so no half token survives at an edge", () => {
    const text = `${githubToken}${" ".repeat(10_000)}${githubToken}`;
    const redacted = redactBody(text, 100);
    expect(redacted.startsWith("[redacted]")).toBe(true);
    expect(redacted.endsWith("[redacted]")).toBe(true);
    expect(redacted).not.toContain("gho_");
  });

  test("never throws on broken JSON, deep nesting, or odd input", () => {
    expect(redactBody('{"api_key": "k1", broken')).toBe('{"api_key": "[redacted]", broken');
    expect(redactBody("")).toBe("");
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(redactBody(deep).length).toBeLessThan(4100);
    expect(redactBody("\uD83D\uDE00".repeat(5000), 11).isWellFormed()).toBe(true);
    expect(redactBody("\uD83D\uDE00".repeat(5000), 12).isWellFormed()).toBe(true);
  });

  test("handles 1 MB inputs, including ones built to make a backtracking regex explode", () => {
    const megabyte = 1024 * 1024;
    const inputs = [
      JSON.stringify({ messages: Array.from({ length: 5000 }, (_, index) => ({ role: "user", content: `${"x".repeat(200)} ${index}`, token: "t" })) }),
      "gh".repeat(megabyte / 2),
      `ghp_${"a".repeat(19)} `.repeat(megabyte / 24),
      "sk-".repeat(megabyte / 3),
      `Bearer ${" ".repeat(megabyte)}`,
      `"api_key": "${"\\a".repeat(megabyte / 2)}`,
      `{"token": "${"a".repeat(megabyte)}`,
      "tid=".repeat(megabyte / 4),
    ];
    for (const input of inputs) {
      expect(input.length).toBeGreaterThan(megabyte - 100);
      expect(redactBody(input).length).toBeLessThan(4100);
    }
  });
});
