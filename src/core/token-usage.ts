/** Token counts recorded per request, whatever dialect the answer came in. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
}
