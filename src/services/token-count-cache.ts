/**
 * Token counts of long strings, least recently used first out, bounded by the characters held. Claude Code repeats
 * the same system prompt, tool definitions and conversation prefix in every count_tokens and messages call, so
 * after the first request most of a body is a map lookup (hashing a string is far cheaper than BPE on it).
 */
export interface TokenCountCache {
  get(text: string): number | undefined;
  set(text: string, tokens: number): void;
  readonly size: number;
}

export function createTokenCountCache(maxChars: number): TokenCountCache {
  const entries = new Map<string, number>();
  let heldChars = 0;
  return {
    get(text) {
      const tokens = entries.get(text);
      if (tokens !== undefined) {
        // Re-insert so Map order stays least recently used first.
        entries.delete(text);
        entries.set(text, tokens);
      }
      return tokens;
    },
    set(text, tokens) {
      if (text.length > maxChars || entries.has(text)) return;
      entries.set(text, tokens);
      heldChars += text.length;
      for (const key of entries.keys()) {
        if (heldChars <= maxChars) break;
        entries.delete(key);
        heldChars -= key.length;
      }
    },
    get size() {
      return entries.size;
    },
  };
}
