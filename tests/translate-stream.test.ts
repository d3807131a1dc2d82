import { describe, expect, test } from "bun:test";
import { createMessagesStreamEncoder } from "../src/protocols/anthropic-messages/index.ts";
import { createChatStreamDecoder } from "../src/protocols/openai-chat/index.ts";
import { translateStream as translateSse } from "../src/relay/translate-stream.ts";

const encoder = new TextEncoder();
const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "c1", model: "gpt-4.1", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

describe("translateSse: Chat Completions SSE → Anthropic SSE", () => {
  test("sends ping events while the upstream is silent, and ends well-formed", async () => {
    let release: () => void = () => {};
    const upstream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(chunk({ role: "assistant", content: "Hel" })));
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        controller.enqueue(encoder.encode(chunk({ content: "lo" }, "stop") + "data: [DONE]\n\n"));
        controller.close();
      },
    });
    const outcomes: string[] = [];
    const stream = translateSse(upstream, {
      decoder: createChatStreamDecoder(),
      encoder: createMessagesStreamEncoder({ model: "gpt-4.1", estimatedInputTokens: 10 }),
      pingIntervalMs: 30,
      onEnd: (outcome) => outcomes.push(outcome),
    });
    setTimeout(() => release(), 150);
    const text = await new Response(stream).text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(events.filter((event) => event === "ping").length).toBeGreaterThanOrEqual(2);
    expect(events.at(-1)).toBe("message_stop");
    expect(text).toContain('"text":"Hel"');
    expect(text).toContain('"text":"lo"');
    expect(outcomes).toEqual(["done"]);
  });

  test("a client that leaves cancels the upstream", async () => {
    let cancelled = false;
    const upstream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(encoder.encode(chunk({ content: "x" }))),
      cancel: () => {
        cancelled = true;
      },
    });
    const outcomes: string[] = [];
    const reader = translateSse(upstream, {
      decoder: createChatStreamDecoder(),
      encoder: createMessagesStreamEncoder({ model: "gpt-4.1" }),
      onEnd: (outcome) => outcomes.push(outcome),
    }).getReader();
    await reader.read();
    await reader.cancel();
    expect(cancelled).toBe(true);
    expect(outcomes).toEqual(["cancelled"]);
  });
});
