/** One Responses SSE event: the `event:` line repeats the payload's `type`; every payload has a `sequence_number`. */
export function responsesSse(type: string, sequenceNumber: number, payload: Record<string, unknown> = {}): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...payload, sequence_number: sequenceNumber })}\n\n`;
}
