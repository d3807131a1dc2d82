/**
 * Reads an image's pixel size from the header bytes of its base64 data, decoding only the few bytes each format
 * needs (random access into base64: byte n lives in the 4-character group starting at floor(n / 3) * 4). A 20 MB
 * screenshot costs the same as a 1 KB icon.
 */
export interface ImageSize {
  width: number;
  height: number;
}

/** Header bytes are read in windows of this size; JPEG segments in between are skipped without decoding. */
const WINDOW_BYTES = 4096;
/** Whitespace inside base64 breaks random access; only this much of such data is cleaned and read. */
const CLEANED_PREFIX_CHARS = 512 * 1024;
/** A JPEG with more segments than this before its frame header is treated as unreadable. */
const MAX_JPEG_SEGMENTS = 256;

interface ByteSource {
  /** Decoded length, in bytes. */
  length: number;
  /** Up to `count` bytes from `offset` (fewer at the end of the data). */
  read(offset: number, count: number): Uint8Array;
}

function base64Source(data: string): ByteSource {
  let text = data;
  if (text.startsWith("data:")) text = text.slice(text.indexOf(",") + 1);
  if (/\s/.test(text.slice(0, 8192))) text = text.slice(0, CLEANED_PREFIX_CHARS).replace(/\s+/g, "");
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const length = Math.floor((text.length * 3) / 4) - padding;
  return {
    length,
    read(offset, count) {
      if (offset < 0 || offset >= length || count <= 0) return new Uint8Array(0);
      const firstGroup = Math.floor(offset / 3);
      const lastGroup = Math.ceil((offset + count) / 3);
      const bytes = Buffer.from(text.slice(firstGroup * 4, lastGroup * 4), "base64");
      const start = offset - firstGroup * 3;
      return bytes.subarray(start, start + count);
    },
  };
}

/** A cursor over a ByteSource that keeps one decoded window and refills it when a read falls outside. */
function windowedReader(source: ByteSource) {
  let windowStart = 0;
  let window = source.read(0, WINDOW_BYTES);
  const ensure = (offset: number, count: number): boolean => {
    if (offset >= windowStart && offset + count <= windowStart + window.length) return true;
    windowStart = offset;
    window = source.read(offset, Math.max(count, WINDOW_BYTES));
    return window.length >= count;
  };
  return {
    byte(offset: number): number | undefined {
      return ensure(offset, 1) ? window[offset - windowStart] : undefined;
    },
    bytes(offset: number, count: number): Uint8Array | undefined {
      return ensure(offset, count) ? window.subarray(offset - windowStart, offset - windowStart + count) : undefined;
    },
  };
}

const ascii = (bytes: Uint8Array, start: number, end: number): string => String.fromCharCode(...bytes.subarray(start, end));
const u16be = (b: Uint8Array, i: number): number => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number): number => (((b[i] ?? 0) << 24) >>> 0) + (((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0));

const valid = (width: number, height: number): ImageSize | undefined =>
  Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0 ? { width, height } : undefined;

/** PNG: the IHDR chunk always comes first (https://www.w3.org/TR/png/#11IHDR). */
function pngSize(head: Uint8Array): ImageSize | undefined {
  if (head.length < 24 || ascii(head, 12, 16) !== "IHDR") return undefined;
  return valid(u32be(head, 16), u32be(head, 20));
}

/** GIF: logical screen size right after the signature. */
function gifSize(head: Uint8Array): ImageSize | undefined {
  return head.length < 10 ? undefined : valid(u16le(head, 6), u16le(head, 8));
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X) (https://developers.google.com/speed/webp/docs/riff_container). */
function webpSize(head: Uint8Array): ImageSize | undefined {
  if (head.length < 30) return undefined;
  const chunk = ascii(head, 12, 16);
  if (chunk === "VP8X") return valid(u24le(head, 24) + 1, u24le(head, 27) + 1);
  if (chunk === "VP8L") {
    if (head[20] !== 0x2f) return undefined;
    const bits = (head[21] ?? 0) | ((head[22] ?? 0) << 8) | ((head[23] ?? 0) << 16) | ((head[24] ?? 0) << 24);
    return valid((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === "VP8 ") {
    if (head[23] !== 0x9d || head[24] !== 0x01 || head[25] !== 0x2a) return undefined;
    return valid(u16le(head, 26) & 0x3fff, u16le(head, 28) & 0x3fff);
  }
  return undefined;
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
const isStartOfFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
/** Markers without a length field: TEM, RSTn, SOI, EOI. */
const isStandalone = (marker: number): boolean => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);

/** JPEG: walk the segments (skipping EXIF and ICC blobs by their length) to the first SOFn marker. */
function jpegSize(reader: ReturnType<typeof windowedReader>, length: number): ImageSize | undefined {
  let offset = 2;
  for (let segments = 0; segments < MAX_JPEG_SEGMENTS && offset < length; segments++) {
    if (reader.byte(offset) !== 0xff) return undefined;
    let marker = reader.byte(offset + 1);
    while (marker === 0xff) marker = reader.byte(++offset + 1);
    if (marker === undefined) return undefined;
    if (isStandalone(marker)) {
      offset += 2;
      continue;
    }
    const header = reader.bytes(offset + 2, 7);
    if (!header) return undefined;
    if (isStartOfFrame(marker)) return valid(u16be(header, 5), u16be(header, 3));
    if (marker === 0xda) return undefined; // start of scan before any frame header: malformed
    offset += 2 + u16be(header, 0);
  }
  return undefined;
}

/** The pixel size of base64 (or data-URL) PNG, JPEG, GIF or WebP data; undefined when unknown or unreadable. */
export function imageSizeFromBase64(data: string): ImageSize | undefined {
  if (typeof data !== "string" || data.length < 16) return undefined;
  try {
    const source = base64Source(data);
    const reader = windowedReader(source);
    const head = reader.bytes(0, Math.min(32, source.length));
    if (!head || head.length < 4) return undefined;
    if (head[0] === 0x89 && ascii(head, 1, 4) === "PNG") return pngSize(head);
    if (head[0] === 0xff && head[1] === 0xd8) return jpegSize(reader, source.length);
    if (ascii(head, 0, 4) === "GIF8") return gifSize(head);
    if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return webpSize(head);
    return undefined;
  } catch {
    return undefined;
  }
}
