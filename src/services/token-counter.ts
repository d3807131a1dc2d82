import { safeJson, tallyAnthropicRequest, type TextCounter } from "./anthropic-token-tally.ts";
import { createTokenCountCache } from "./token-count-cache.ts";

/**
 * Token counts for Anthropic `POST /v1/messages/count_tokens`. Copilot has no counting endpoint, so the count is
 * made here with the model's OpenAI tokenizer (gpt-tokenizer) and calibrated for Claude. Claude Code uses it to
 * decide when to compact: a count that is too low compacts too late and the next turn fails as "prompt is too
 * long", so every estimate here errs high.
 */
export type TokenizerName = "o200k_base" | "cl100k_base";

export interface TokenCountModel {
  id: string;
  capabilities?: { tokenizer?: string };
}

export interface TokenCounter {
  /** Counts input tokens of a parsed Anthropic Messages request. Tolerant of odd shapes; never throws. */
  count(body: unknown, model: TokenCountModel): Promise<number>;
  /** Loads a tokenizer ahead of the first request (default o200k_base). */
  warm(tokenizer?: TokenizerName): Promise<void>;
  /** Tokenizers loaded so far, for tests and diagnostics. */
  loadedTokenizers(): TokenizerName[];
}

export interface TokenCounterOptions {
  /** Characters of text whose counts are remembered, per tokenizer; default 4 million. */
  cacheChars?: number;
}

/**
 * Claude's tokenizer yields more tokens than o200k for the same text: roughly 10–20% for English prose and code,
 * more for some languages. 1.2 sits at the top of that range, so the count is rarely under the real one.
 * Applied to text only; image counts already follow Anthropic's own formula.
 */
export const CLAUDE_TEXT_FACTOR = 1.2;

/** Only strings at least this long are cached: short ones are cheaper to count than to look up. */
const CACHE_MIN_CHARS = 256;

/** Static specifiers, so `bun build --compile` bundles both encodings (each loads only when first used). */
const loaders: Record<TokenizerName, () => Promise<{ countTokens: CountFunction }>> = {
  o200k_base: () => import("gpt-tokenizer/encoding/o200k_base"),
  cl100k_base: () => import("gpt-tokenizer/encoding/cl100k_base"),
};

type CountFunction = (text: string, options?: { disallowedSpecial?: Set<string> }) => number;

/** Special-token text such as "<|endoftext|>" in a prompt is plain text to count, not an error. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export function tokenizerFor(model: TokenCountModel): TokenizerName {
  return model?.capabilities?.tokenizer === "cl100k_base" ? "cl100k_base" : "o200k_base";
}

export const isClaudeModel = (model: TokenCountModel): boolean => /^(anthropic\/)?claude/i.test(model?.id ?? "");

/** Used only if the tokenizer cannot be loaded: three characters a token is above the real average (~4). */
const approximateCount: TextCounter = (text) => Math.ceil(text.length / 3);

export function createTokenCounter(options: TokenCounterOptions = {}): TokenCounter {
  const loading = new Map<TokenizerName, Promise<TextCounter>>();
  const loaded = new Set<TokenizerName>();

  function load(name: TokenizerName): Promise<TextCounter> {
    let pending = loading.get(name);
    if (!pending) {
      const cache = createTokenCountCache(options.cacheChars ?? 4_000_000);
      pending = loaders[name]()
        .then(({ countTokens }): TextCounter => {
          loaded.add(name);
          return (text) => {
            if (text.length < CACHE_MIN_CHARS) return countTokens(text, PLAIN_TEXT);
            const known = cache.get(text);
            if (known !== undefined) return known;
            const tokens = countTokens(text, PLAIN_TEXT);
            cache.set(text, tokens);
            return tokens;
          };
        })
        .catch(() => approximateCount);
      loading.set(name, pending);
    }
    return pending;
  }

  return {
    async count(body, model) {
      try {
        const countText = await load(tokenizerFor(model));
        const { text, fixed } = tallyAnthropicRequest(body, safeCounter(countText), isClaudeModel(model));
        return isClaudeModel(model) ? Math.ceil(text * CLAUDE_TEXT_FACTOR) + fixed : text + fixed;
      } catch {
        // Unreachable for parsed JSON; a count is still better than a 500 for a request that is only an estimate.
        return Math.ceil(approximateCount(safeJson(body)) * CLAUDE_TEXT_FACTOR);
      }
    },
    async warm(tokenizer = "o200k_base") {
      await load(tokenizer);
    },
    loadedTokenizers: () => [...loaded],
  };
}

function safeCounter(countText: TextCounter): TextCounter {
  return (text) => {
    if (!text) return 0;
    try {
      return countText(text);
    } catch {
      return approximateCount(text);
    }
  };
}
