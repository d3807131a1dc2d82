/** One Anthropic SSE event: the `event:` line repeats the payload's `type`, as Anthropic's own streams do. */
export function anthropicSse(type: string, payload: Record<string, unknown> = {}): string {
  const fields = JSON.stringify(payload).slice(1, -1);
  return `event: ${type}\ndata: {"type":"${type}"${fields === "" ? "" : `,${fields}`}}\n\n`;
}

/** A content_block_delta, written directly: streams send one per token, so it skips building an object. */
export function anthropicDeltaSse(index: number, deltaType: string, field: string, value: string): string {
  return `event: content_block_delta\ndata: {"type":"content_block_delta","index":${index},"delta":{"type":"${deltaType}","${field}":${JSON.stringify(value)}}}\n\n`;
}
