import { describe, expect, test } from "bun:test";
import { transformEventStream } from "../../src/providers/upstream/event-transform.ts";

/** The bytes of `text`, cut into one-byte chunks so every multi-byte character is split across chunks. */
function byteStream(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, ++at));
    },
  });
}

const upper = (json: string) => json.replace(/日本語/gu, "にほんご");
const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("response transforms on streams", () => {
  test("SSE: each event's data rewritten, event names and [DONE] kept, CRLF and one-byte chunks survive", async () => {
    const upstream = 'event: delta\r\ndata: {"t":"日本語 👋"}\r\n\r\ndata: {"a":1,\ndata: "t":"日本語"}\n\ndata: [DONE]\n\n';
    expect(await read(transformEventStream(byteStream(upstream), "sse", upper))).toBe(
      'event: delta\ndata: {"t":"にほんご 👋"}\n\ndata: {"a":1,\ndata: "t":"にほんご"}\n\ndata: [DONE]\n\n',
    );
  });

  test("NDJSON: each line rewritten, a last line without its newline is not lost", async () => {
    const upstream = '{"message":{"content":"日本語"}}\n{"done":true,"t":"日本語"}';
    expect(await read(transformEventStream(byteStream(upstream), "ndjson", upper))).toBe('{"message":{"content":"にほんご"}}\n{"done":true,"t":"にほんご"}\n');
  });
});
