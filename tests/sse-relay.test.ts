import { describe, expect, test } from "bun:test";
import { relaySse } from "../src/core/sse-relay.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An upstream that sends `parts` one at a time, each after a pause (as a network would), so that what the relay
 * writes for each can be told apart by the reader: writes made in one go reach a reader as one chunk. */
function streamOf(parts: (string | Uint8Array | Error)[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await Bun.sleep(1);
      const part = parts[index++];
      if (part === undefined) return controller.close();
      if (part instanceof Error) return controller.error(part);
      controller.enqueue(typeof part === "string" ? encoder.encode(part) : part);
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe("relaySse passes bytes through at event boundaries", () => {
  test("bytes are untouched, and a multi-byte character split across writes is rejoined", async () => {
    const wave = encoder.encode("data: {\"c\":\"👋\"}\n\n");
    const cut = 12; // inside the emoji's four bytes
    const outcomes: string[] = [];
    const chunks = await collect(
      relaySse(streamOf(["data: {\"a\":1}\n\n", wave.slice(0, cut), wave.slice(cut), "data: [DONE]\n\n"]), {
        errorEvent: () => "",
        onEnd: (outcome) => outcomes.push(outcome),
      }),
    );
    expect(chunks.map((chunk) => decoder.decode(chunk))).toEqual(['data: {"a":1}\n\n', 'data: {"c":"👋"}\n\n', "data: [DONE]\n\n"]);
    expect(outcomes).toEqual(["done"]);
  });

  test("a blank line split across chunks, and an event spread over many chunks, are found", async () => {
    const big = `data: {"x":"${"a".repeat(50_000)}"}\n\n`;
    const parts = ["data: 1\n", "\ndata: 2\n\r", "\n", big.slice(0, 20_000), big.slice(20_000, 40_000), big.slice(40_000), "data: 3\n\n"];
    let tail = "";
    const chunks = await collect(relaySse(streamOf(parts), { errorEvent: () => "", onEnd: (_, last) => (tail = decoder.decode(last)) }));
    expect(chunks.map((chunk) => decoder.decode(chunk))).toEqual(["data: 1\n\n", "data: 2\n\r\n", big, "data: 3\n\n"]);
    expect(tail.endsWith("data: 3\n\n")).toBe(true);
    expect(tail.length).toBe(4096);
  });

  test("an upstream failure mid-event ends with a well-formed error event, not a torn line", async () => {
    const outcomes: string[] = [];
    const text = decoder.decode(
      Buffer.concat(
        await collect(
          relaySse(streamOf(['data: {"a":1}\n\n', 'data: {"partial', new Error("socket closed")]), {
            errorEvent: (error) => `data: {"error":"${(error as Error).message}"}\n\n`,
            onEnd: (outcome) => outcomes.push(outcome),
          }),
        ),
      ),
    );
    expect(text).toBe('data: {"a":1}\n\ndata: {"error":"socket closed"}\n\n');
    expect(outcomes).toEqual(["error"]);
  });

  test("dropDone removes Copilot's trailing [DONE] from Anthropic streams", async () => {
    const text = decoder.decode(
      Buffer.concat(
        await collect(
          relaySse(streamOf(["event: message_stop\ndata: {\"type\":\"message_stop\"}\n\ndata: [DONE]\n\n"]), {
            errorEvent: () => "",
            onEnd: () => {},
            dropDone: true,
          }),
        ),
      ),
    );
    expect(text).toBe('event: message_stop\ndata: {"type":"message_stop"}\n\n');
  });

  test("an event that arrives in small reads: its start is the head, a [DONE] split over three reads is still dropped", async () => {
    const first = `event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":1234}},"pad":"${"p".repeat(6_000)}"}\n\n`;
    const parts = [first.slice(0, 9), first.slice(9, 40), first.slice(40, 5_000), first.slice(5_000), "data: {\"b\":2}\n\nda", "ta: [D", "ONE]\n\n"];
    let head = "";
    const text = decoder.decode(
      Buffer.concat(
        await collect(
          relaySse(streamOf(parts), {
            errorEvent: () => "",
            onEnd: (_, __, start) => (head = decoder.decode(start)),
            dropDone: true,
          }),
        ),
      ),
    );
    expect(text).toBe(`${first}data: {"b":2}\n\n`);
    expect(head).toBe(first.slice(0, 4096));
  });

  test("cancelling the relayed stream cancels the upstream body", async () => {
    let cancelled: unknown;
    const upstream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(encoder.encode("data: {}\n\n")),
      cancel: (reason) => {
        cancelled = reason ?? "cancelled";
      },
    });
    const outcomes: string[] = [];
    const reader = relaySse(upstream, { errorEvent: () => "", onEnd: (outcome) => outcomes.push(outcome) }).getReader();
    await reader.read();
    await reader.cancel("client left");
    expect(cancelled).toBe("client left");
    expect(outcomes).toEqual(["cancelled"]);
  });
});
