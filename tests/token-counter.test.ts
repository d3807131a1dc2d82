import { describe, expect, test } from "bun:test";
import { countTokens as cl100kCount } from "gpt-tokenizer/encoding/cl100k_base";
import { countTokens as o200kCount } from "gpt-tokenizer/encoding/o200k_base";
import { deflateSync } from "node:zlib";
import { imageSizeFromBase64 } from "../src/services/image-size.ts";
import { imageTokensForSize, scaledImageSize, UNKNOWN_IMAGE_TOKENS } from "../src/services/image-tokens.ts";
import { CLAUDE_TEXT_FACTOR, createTokenCounter } from "../src/services/token-counter.ts";

const gpt = { id: "gpt-4.1", capabilities: { tokenizer: "o200k_base" } };
const gpt35 = { id: "gpt-3.5-turbo", capabilities: { tokenizer: "cl100k_base" } };
const claude = { id: "claude-sonnet-4.5", capabilities: { tokenizer: "o200k_base" } };

const PROSE =
  "Copilot relay counts tokens so that Claude Code knows when to compact. It must never under-count, because a " +
  "prompt that is too long fails the next turn. Ünïcödé, 日本語のテキスト, and code: const x = await fetch(url);\n";

// --- minimal image encoders: real headers, only what the formats require --------------------------------------

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(Bun.hash.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A complete, decodable RGB PNG (pixels black) when `pixels` is true; otherwise header-only with optional padding. */
function png(width: number, height: number, { pixels = false, paddingBytes = 0 } = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const chunks = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk("IHDR", ihdr)];
  if (pixels) chunks.push(pngChunk("IDAT", deflateSync(Buffer.alloc(height * (1 + width * 3)))));
  if (paddingBytes > 0) chunks.push(pngChunk("IDAT", crypto.getRandomValues(new Uint8Array(paddingBytes))));
  chunks.push(pngChunk("IEND", new Uint8Array(0)));
  return Buffer.concat(chunks);
}

const segment = (marker: number, payload: Uint8Array): Buffer => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};

/** A baseline JPEG header: SOI, JFIF APP0, a large EXIF-sized APP1 to skip, DQT, SOF0 with the size, EOI. */
function jpeg(width: number, height: number, app1Bytes = 60_000): Buffer {
  const sof = Buffer.from([8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1")),
    segment(0xe1, Buffer.concat([Buffer.from("Exif\0\0", "latin1"), Buffer.alloc(app1Bytes - 6, 0x41)])),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xc0, sof),
    Buffer.from([0xff, 0xd9]),
  ]);
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");
const imageBlock = (data: string, mediaType = "image/png") => ({ type: "image", source: { type: "base64", media_type: mediaType, data } });
const userTurn = (content: unknown) => ({ messages: [{ role: "user", content }] });

describe("token counter: text", () => {
  test("a plain text request counts close to gpt-tokenizer's own count, never below it", async () => {
    const counter = createTokenCounter();
    const text = PROSE.repeat(20);
    const direct = o200kCount(text);
    const counted = await counter.count(userTurn(text), gpt);
    expect(counted).toBeGreaterThanOrEqual(direct);
    expect(counted).toBeLessThanOrEqual(direct + 10);
  });

  test("uses cl100k_base when the model's capabilities name it", async () => {
    const counter = createTokenCounter();
    const text = PROSE.repeat(10);
    const counted = await counter.count(userTurn(text), gpt35);
    expect(counted - cl100kCount(text)).toBeGreaterThanOrEqual(0);
    expect(counted - cl100kCount(text)).toBeLessThanOrEqual(10);
    expect(counter.loadedTokenizers()).toEqual(["cl100k_base"]);
  });

  test("scales text by the Claude factor for claude models, rounding up", async () => {
    const counter = createTokenCounter();
    const body = userTurn(PROSE.repeat(20));
    const plain = await counter.count(body, gpt);
    const scaled = await counter.count(body, claude);
    expect(scaled).toBe(Math.ceil(plain * CLAUDE_TEXT_FACTOR));
    expect(await counter.count(body, { id: "claude-opus-4-6-20260101" })).toBe(scaled);
  });

  test("counts system blocks, thinking, tool_use input and tool_result content", async () => {
    const counter = createTokenCounter();
    const base = await counter.count({ messages: [] }, gpt);
    const input = { command: "ls -la /work && cat package.json", description: "List the files" };
    const body = {
      system: [{ type: "text", text: "You are Claude Code.", cache_control: { type: "ephemeral" } }],
      thinking: { type: "enabled", budget_tokens: 4000 },
      messages: [
        { role: "user", content: "list the files" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "I should run ls.", signature: "x".repeat(4000) },
            { type: "tool_use", id: "toolu_1", name: "Bash", input },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "package.json\nsrc\ntests" }] }] },
      ],
    };
    const counted = await counter.count(body, gpt);
    const parts = ["You are Claude Code.", "list the files", "I should run ls.", "Bash", JSON.stringify(input), "package.json\nsrc\ntests"];
    const textTokens = parts.reduce((sum, part) => sum + o200kCount(part), 0);
    expect(counted - base).toBeGreaterThanOrEqual(textTokens);
    // Overheads are small; the 4000-character signature is not counted.
    expect(counted - base).toBeLessThanOrEqual(textTokens + 50);
  });

  test("counts tool definitions: name, description and the JSON schema", async () => {
    const counter = createTokenCounter();
    const schema = {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { file_path: { type: "string", description: "The absolute path to the file to read" }, limit: { type: "number" } },
      required: ["file_path"],
    };
    const tools = [{ name: "Read", description: "Reads a file from the local filesystem.", input_schema: schema }];
    const without = await counter.count(userTurn("hi"), claude);
    const withTools = await counter.count({ ...userTurn("hi"), tools }, claude);
    const definition = o200kCount("Read") + o200kCount("Reads a file from the local filesystem.") + o200kCount(JSON.stringify(schema));
    expect(withTools - without).toBeGreaterThanOrEqual(Math.ceil(definition * CLAUDE_TEXT_FACTOR) + 300);
    expect(withTools - without).toBeLessThanOrEqual(Math.ceil(definition * CLAUDE_TEXT_FACTOR) + 400);
  });

  test("never throws on odd shapes, and special-token text is just text", async () => {
    const counter = createTokenCounter();
    const odd: unknown[] = [
      null,
      undefined,
      "text",
      42,
      [],
      { messages: "nope" },
      { messages: [null, 7, { role: "user" }, { role: "user", content: [null, 5, "bare", { type: "weird", nested: { text: "x" } }] }] },
      { system: { not: "an array" }, tools: [null, { name: 5 }, { type: "bash_20250124", name: "bash" }] },
      userTurn([{ type: "image" }, { type: "image", source: { type: "base64", data: "!!!!not base64!!!!" } }]),
      userTurn([{ type: "document", source: { type: "base64", media_type: "application/pdf", data: "" } }]),
      userTurn("<|endoftext|> and <|im_start|>"),
    ];
    for (const body of odd) {
      const counted = await counter.count(body, claude);
      expect(Number.isFinite(counted)).toBe(true);
      expect(counted).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("token counter: images", () => {
  const counter = createTokenCounter();
  const textOnly = () => counter.count(userTurn([{ type: "text", text: "what is this?" }]), claude);
  const withImage = (block: unknown) => counter.count(userTurn([{ type: "text", text: "what is this?" }, block]), claude);

  test("a real PNG costs width × height / 750 tokens", async () => {
    const image = png(200, 100, { pixels: true });
    expect(Bun.hash.crc32(image.subarray(12, 29)) >>> 0).toBe(image.readUInt32BE(29)); // the IHDR CRC is right
    expect(imageSizeFromBase64(b64(image))).toEqual({ width: 200, height: 100 });
    expect((await withImage(imageBlock(b64(image)))) - (await textOnly())).toBe(Math.ceil((200 * 100) / 750));
  });

  test("a JPEG's size is read past a 60 KB EXIF segment without decoding it", async () => {
    const data = b64(jpeg(640, 480));
    expect(imageSizeFromBase64(data)).toEqual({ width: 640, height: 480 });
    expect((await withImage(imageBlock(data, "image/jpeg"))) - (await textOnly())).toBe(Math.ceil((640 * 480) / 750));
  });

  test("reads GIF and WebP (VP8, VP8L, VP8X) headers, data URLs and line-wrapped base64", () => {
    const gif = Buffer.from("GIF89a\x2c\x01\xc8\x00\x00\x00\x00", "latin1"); // 300 × 200
    expect(imageSizeFromBase64(b64(gif))).toEqual({ width: 300, height: 200 });

    const riff = (chunk: string, body: number[]) => {
      const bytes = Buffer.alloc(40);
      bytes.write("RIFF", 0, "latin1");
      bytes.write("WEBP", 8, "latin1");
      bytes.write(chunk, 12, "latin1");
      bytes.set(body, 20);
      return b64(bytes);
    };
    // VP8X: 24-bit width-1 and height-1 at 24 and 27.
    expect(imageSizeFromBase64(riff("VP8X", [0, 0, 0, 0, 0x1f, 0x03, 0x00, 0x57, 0x02, 0x00]))).toEqual({ width: 800, height: 600 });
    // VP8L: signature 0x2f, then 14-bit width-1 and height-1.
    const bits = (1023 & 0x3fff) | ((767 & 0x3fff) << 14);
    expect(imageSizeFromBase64(riff("VP8L", [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]))).toEqual({ width: 1024, height: 768 });
    // VP8: frame tag, start code 9d 01 2a, 14-bit width and height.
    expect(imageSizeFromBase64(riff("VP8 ", [0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00]))).toEqual({ width: 320, height: 240 });

    const data = b64(jpeg(1000, 50));
    expect(imageSizeFromBase64(`data:image/jpeg;base64,${data}`)).toEqual({ width: 1000, height: 50 });
    expect(imageSizeFromBase64(data.replace(/(.{76})/g, "$1\r\n"))).toEqual({ width: 1000, height: 50 });
    expect(imageSizeFromBase64(b64(Buffer.from("not an image at all, just text")))).toBeUndefined();
  });

  test("large images are scaled down before counting", async () => {
    expect(scaledImageSize({ width: 2000, height: 500 })).toEqual({ width: 1568, height: 392 });
    expect(imageTokensForSize({ width: 2000, height: 500 })).toBe(Math.ceil((1568 * 392) / 750));

    const huge = scaledImageSize({ width: 4000, height: 3000 });
    expect(Math.max(huge.width, huge.height)).toBeLessThanOrEqual(1568);
    expect(huge.width * huge.height).toBeLessThanOrEqual(1_200_000);
    expect(huge.width / huge.height).toBeCloseTo(4 / 3, 2);
    const tokens = (await withImage(imageBlock(b64(png(4000, 3000))))) - (await textOnly());
    expect(tokens).toBeGreaterThan(1500);
    expect(tokens).toBeLessThanOrEqual(1600);
  });

  test("URL images and unreadable data get the fixed estimate", async () => {
    const url = { type: "image", source: { type: "url", url: "https://example.com/cat.png" } };
    expect((await withImage(url)) - (await textOnly())).toBe(UNKNOWN_IMAGE_TOKENS);
    const garbage = imageBlock(b64(crypto.getRandomValues(new Uint8Array(3000))));
    expect((await withImage(garbage)) - (await textOnly())).toBe(UNKNOWN_IMAGE_TOKENS);
  });

  test("images nested in tool results are counted", async () => {
    const result = { type: "tool_result", tool_use_id: "t", content: [imageBlock(b64(png(750, 100)))] };
    const empty = { type: "tool_result", tool_use_id: "t", content: [] };
    expect((await withImage(result)) - (await withImage(empty))).toBe(100);
  });

  test("a 2 MB image costs the same time and tokens as a small one of the same size: never its base64 length", async () => {
    const small = b64(png(1024, 768));
    const big = b64(png(1024, 768, { paddingBytes: 1_500_000 }));
    expect(big.length).toBeGreaterThan(2_000_000);
    await counter.warm();
    expect(await withImage(imageBlock(big))).toBe(await withImage(imageBlock(small)));

    const time = async (data: string) => {
      const start = performance.now();
      for (let round = 0; round < 20; round++) await withImage(imageBlock(data));
      return (performance.now() - start) / 20;
    };
    await time(small);
    const smallMs = await time(small);
    const bigMs = await time(big);
    // Proportional cost would make the 2 MB image ~2,000× slower; header reads keep both well under a millisecond.
    expect(bigMs).toBeLessThan(Math.max(1, smallMs * 5));
  });
});

describe("token counter: loading and speed", () => {
  test("importing the module does not load gpt-tokenizer; warm() does", async () => {
    const script = `
      const loadedTokenizer = () => Object.keys(require.cache).some((key) => key.includes("gpt-tokenizer"));
      const { createTokenCounter } = await import(${JSON.stringify(`${import.meta.dir}/../src/services/token-counter.ts`)});
      const counter = createTokenCounter();
      const afterImport = loadedTokenizer();
      await counter.warm();
      console.log(JSON.stringify({ afterImport, afterWarm: loadedTokenizer(), tokenizers: counter.loadedTokenizers() }));
    `;
    const child = Bun.spawnSync([process.execPath, "-e", script], { cwd: `${import.meta.dir}/..`, stderr: "pipe" });
    expect(child.stderr.toString()).toBe("");
    expect(JSON.parse(child.stdout.toString())).toEqual({ afterImport: false, afterWarm: true, tokenizers: ["o200k_base"] });
  });

  test("a 100 KB Claude Code-shaped request counts in milliseconds after warm-up", async () => {
    const counter = createTokenCounter();
    await counter.warm();
    const tools = Array.from({ length: 24 }, (_, index) => ({
      name: `Tool${index}`,
      description: PROSE.repeat(8),
      input_schema: {
        $schema: "http://json-schema.org/draft-07/schema#",
        type: "object",
        properties: Object.fromEntries(Array.from({ length: 6 }, (__, field) => [`field_${field}`, { type: "string", description: PROSE }])),
      },
    }));
    const body = {
      system: [{ type: "text", text: PROSE.repeat(100) }],
      tools,
      messages: Array.from({ length: 20 }, (_, index) => ({ role: index % 2 ? "assistant" : "user", content: [{ type: "text", text: PROSE.repeat(5 + index) }] })),
    };
    const size = JSON.stringify(body).length;
    expect(size).toBeGreaterThan(100_000);

    let start = performance.now();
    const first = await counter.count(body, claude);
    const firstMs = performance.now() - start;
    start = performance.now();
    const again = await counter.count(structuredClone(body), claude);
    const againMs = performance.now() - start;
    expect(again).toBe(first);
    expect(firstMs).toBeLessThan(300); // uncached, includes the first BPE run; ~5–25 ms on an idle machine
    expect(againMs).toBeLessThan(25); // cached strings: ~0.2 ms
    console.log(`token counter: ${Math.round(size / 1024)} KB request, ${first} tokens, first ${firstMs.toFixed(2)} ms, repeat ${againMs.toFixed(2)} ms`);
  });
});
