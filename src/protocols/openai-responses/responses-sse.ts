/**
 * One Responses SSE event: the `event:` line repeats the payload's `type`; every payload has a `sequence_number`.
 * The payload is an object, or its fields already serialised without the braces (what the per-delta events use,
 * so a delta costs one string escape rather than an object copy and a full stringify).
 */
export function responsesSse(type: string, sequenceNumber: number, payload: Record<string, unknown> | string = ""): string {
  const fields = typeof payload === "string" ? payload : JSON.stringify(payload).slice(1, -1);
  return `event: ${type}\ndata: {"type":"${type}"${fields === "" ? "" : `,${fields}`},"sequence_number":${sequenceNumber}}\n\n`;
}
