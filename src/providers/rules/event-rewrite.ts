import type { BodyStep } from "./compile-transform-list.ts";

/**
 * One stream event's JSON text (an SSE `data:` payload or an NDJSON line) through the response transforms. The
 * events arrive as whole decoded strings (the framing decodes UTF-8 statefully), so this works on strings only.
 * Text that is not a JSON object or list (`[DONE]`, a keep-alive) and an event no transform changed come back as
 * they were, byte for byte: no re-serialising for nothing.
 */
export function eventRewrite(step: BodyStep): (json: string) => string {
  return (json) => {
    let event: unknown;
    try {
      event = JSON.parse(json);
    } catch {
      return json;
    }
    if (typeof event !== "object" || event === null) return json;
    return step(event) ? JSON.stringify(event) : json;
  };
}
