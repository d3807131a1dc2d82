/** One Anthropic SSE event: the `event:` line repeats the payload's `type`, as Anthropic's own streams do. */
export function anthropicSse(type: string, payload: Record<string, unknown> = {}): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;
}
