import { describe, expect, test } from "bun:test";
import { createSseDataParser, createSseParser, type SseEvent } from "../../src/core/sse-parser.ts";
import { split } from "./helpers.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

function parseInPieces(input: Uint8Array, size: number): SseEvent[] {
  const parser = createSseParser();
  return [...split(input, size).flatMap((piece) => parser.push(piece)), ...parser.flush()];
}

describe("SSE parser", () => {
  test("the data-only parser yields each event's data, the same as the full one, however the bytes are cut", () => {
    const input = bytes(": c\n\nevent: ping\ndata: one\ndata:two\ndata\n\ndatax: no\nid: 7\ndata: 👋 three\n\ndata: four\r\n\r\ndata: last");
    const expected = parseInPieces(input, input.length).map((event) => event.data);
    expect(expected).toEqual(["one\ntwo\n", "👋 three", "four", "last"]);
    for (const size of [1, 3, 7, input.length]) {
      const parser = createSseDataParser();
      expect([...split(input, size).flatMap((piece) => parser.push(piece)), ...parser.flush()]).toEqual(expected);
    }
  });

  test("decodes an emoji split across pushes", () => {
    const input = bytes('data: {"text":"hi 👋 there"}\n\n');
    const emojiAt = input.indexOf(0xf0);
    const parser = createSseParser();
    // Cut inside the 4-byte character: first push ends after its first two bytes.
    expect(parser.push(input.subarray(0, emojiAt + 2))).toEqual([]);
    expect(parser.push(input.subarray(emojiAt + 2))).toEqual([{ data: '{"text":"hi 👋 there"}' }]);
    expect(parser.flush()).toEqual([]);
  });

  test("handles CRLF line endings, even with CR and LF in different pushes", () => {
    const input = bytes("event: message_start\r\ndata: {\"a\":1}\r\n\r\ndata: two\r\n\r\n");
    const expected = [{ event: "message_start", data: '{"a":1}' }, { data: "two" }];
    for (const size of [1, 2, 5, input.length]) expect(parseInPieces(input, size)).toEqual(expected);
  });

  test("joins multi-line data, skips comments, and keeps the event name", () => {
    const input = bytes(": keep-alive\n\nevent: ping\ndata: line one\ndata:line two\ndata\n\n:another comment\ndata: x\n\n");
    expect(parseInPieces(input, 3)).toEqual([{ event: "ping", data: "line one\nline two\n" }, { data: "x" }]);
  });

  test("splits events anywhere, including inside field names, and dispatches an unterminated final event on flush", () => {
    const input = bytes("data: first\n\nevent: custom\ndata: second\n\ndata: [DONE]");
    const expected = [{ data: "first" }, { event: "custom", data: "second" }, { data: "[DONE]" }];
    for (let size = 1; size <= input.length; size++) expect(parseInPieces(input, size)).toEqual(expected);
  });

  test("ignores events without data and lone CR line endings work too", () => {
    expect(parseInPieces(bytes("event: nothing\n\ndata: a\r\rdata: b\r\r"), 4)).toEqual([{ data: "a" }, { data: "b" }]);
  });
});
