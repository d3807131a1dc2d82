import type { HubImagePart } from "../../core/hub/index.ts";

/** Leading bytes of the image formats vision models take (https://en.wikipedia.org/wiki/List_of_file_signatures). */
function sniffMediaType(bytes: string): string | undefined {
  if (bytes.startsWith("\x89PNG")) return "image/png";
  if (bytes.startsWith("\xff\xd8\xff")) return "image/jpeg";
  if (bytes.startsWith("GIF8")) return "image/gif";
  if (bytes.startsWith("RIFF") && bytes.slice(8, 12) === "WEBP") return "image/webp";
  return undefined;
}

/** The first bytes of base64 data as a binary string; "" when it is not base64. 16 characters decode to 12 bytes. */
function leadingBytes(base64: string): string {
  try {
    return atob(base64.replace(/\s/g, "").slice(0, 16));
  } catch {
    return "";
  }
}

const dataUrlPattern = /^data:([^;,]+)?(?:;[^,]*)?,(.*)$/s;

/**
 * One entry of Ollama's `images`: bare base64 with no media type (Ollama sniffs the bytes itself), so the type is
 * read from the leading bytes, PNG when they say nothing known. Data URLs and http(s) URLs, which some clients
 * send instead, are accepted too.
 */
export function decodeImage(image: string): HubImagePart {
  const dataUrl = dataUrlPattern.exec(image);
  if (dataUrl) {
    const data = dataUrl[2] ?? "";
    return { type: "image", source: { kind: "base64", mediaType: dataUrl[1] ?? sniffMediaType(leadingBytes(data)) ?? "image/png", data } };
  }
  if (/^https?:\/\//i.test(image)) return { type: "image", source: { kind: "url", url: image } };
  return { type: "image", source: { kind: "base64", mediaType: sniffMediaType(leadingBytes(image)) ?? "image/png", data: image } };
}
