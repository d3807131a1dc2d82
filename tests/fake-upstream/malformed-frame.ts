/**
 * [[malformed]]: an SSE frame whose `data:` line holds the first half of a JSON object, as a broken upstream
 * would send it. Half an object never parses (its closing brace is missing); the payload should be ASCII so
 * the cut cannot land inside a character.
 */
export function truncatedFrame(payload: Record<string, unknown>, event?: string): string {
  const json = JSON.stringify(payload);
  const line = `data: ${json.slice(0, Math.floor(json.length / 2))}\n\n`;
  return event === undefined ? line : `event: ${event}\n${line}`;
}
