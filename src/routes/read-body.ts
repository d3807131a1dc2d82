import { RelayError } from "../core/relay-error.ts";

// Stateless for whole-buffer decodes, so one serves every request. fatal: invalid UTF-8 is refused, not replaced.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A request's body as text: bytes that are not UTF-8 are a 400 rather than silently replaced (they would reach the
 * model as U+FFFD), and a body larger than the limit is a 413 even when it came without a content-length (the
 * request guard refuses a declared one before it is read). A leading byte-order mark is dropped, as JSON allows.
 */
export async function readBody(request: Request, maxBodySizeMiB: number): Promise<string> {
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > maxBodySizeMiB * 1024 * 1024) {
    throw new RelayError("invalid_request", `The request body is ${bytes.byteLength} bytes, above the relay's limit of ${maxBodySizeMiB} MiB (--max-body-size).`, {
      status: 413,
      code: "request_too_large",
    });
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new RelayError("invalid_request", "The request body is not valid UTF-8 text.", { code: "invalid_encoding" });
  }
}
