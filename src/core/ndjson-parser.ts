/** An incremental reader of newline-delimited JSON (one object per line, Ollama's stream framing). */
export interface NdjsonParser {
  /** Feeds raw bytes; returns the complete, non-blank lines they finish. */
  push(bytes: Uint8Array): string[];
  /** Ends the stream: a last line without its newline is still returned. */
  flush(): string[];
}

/** Bytes may split anywhere, inside a UTF-8 character too: the decoder keeps partial sequences between pushes. */
export function createNdjsonParser(): NdjsonParser {
  const decoder = new TextDecoder("utf-8");
  let buffer = "";
  const drain = (out: string[]) => {
    let start = 0;
    for (let newline = buffer.indexOf("\n"); newline !== -1; newline = buffer.indexOf("\n", start)) {
      const line = buffer.slice(start, newline).trim();
      if (line !== "") out.push(line);
      start = newline + 1;
    }
    buffer = buffer.slice(start);
  };
  return {
    push(bytes) {
      buffer += decoder.decode(bytes, { stream: true });
      const out: string[] = [];
      drain(out);
      return out;
    },
    flush() {
      buffer += decoder.decode();
      const out: string[] = [];
      drain(out);
      const last = buffer.trim();
      buffer = "";
      if (last !== "") out.push(last);
      return out;
    },
  };
}
