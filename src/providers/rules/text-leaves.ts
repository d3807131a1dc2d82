import { isRecord } from "../../core/is-record.ts";

/**
 * Strings a regex transform leaves alone, by the key that holds them: protocol structure (`model`, `role`, `type`,
 * `object`), identifiers that must round-trip (`id`, `tool_call_id`, `tool_use_id`, `call_id`, `name`), and opaque
 * payloads a text edit would corrupt (`signature` and `encrypted_content` of reasoning, base64 `data` and `images`,
 * `url` of image parts). Every other string leaf, at any depth, is text: message content, prompts, system
 * prompts, tool descriptions and arguments, stream deltas. One rule for every dialect, so a pattern behaves the
 * same in a Chat Completions, Messages, Responses or Ollama body, and in a request, an answer or a stream event.
 */
export const UNTOUCHED_KEYS: ReadonlySet<string> = new Set([
  "model",
  "role",
  "type",
  "object",
  "id",
  "tool_call_id",
  "tool_use_id",
  "call_id",
  "name",
  "signature",
  "encrypted_content",
  "data",
  "images",
  "url",
]);

type Container = Record<string, unknown> | unknown[];

/**
 * Rewrites, in place, every string leaf that is text (a string under an untouched key is skipped, and so is a
 * string in a list under one, e.g. `images: [...]`). Walks with its own stack, so a deeply nested body cannot
 * overflow the call stack. Returns true when a string changed.
 */
export function rewriteStringLeaves(root: unknown, rewrite: (text: string) => string): boolean {
  if (!isRecord(root) && !Array.isArray(root)) return false;
  let changed = false;
  const pending: [Container, boolean][] = [[root, false]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [container, untouched] = next;
    if (Array.isArray(container)) {
      for (const [index, item] of container.entries()) {
        if (typeof item === "string") {
          if (untouched) continue;
          const text = rewrite(item);
          if (text === item) continue;
          container[index] = text;
          changed = true;
        } else if (isRecord(item) || Array.isArray(item)) pending.push([item, false]);
      }
      continue;
    }
    for (const [key, item] of Object.entries(container)) {
      if (typeof item === "string") {
        if (UNTOUCHED_KEYS.has(key)) continue;
        const text = rewrite(item);
        if (text === item) continue;
        container[key] = text;
        changed = true;
      } else if (Array.isArray(item)) pending.push([item, UNTOUCHED_KEYS.has(key)]);
      else if (isRecord(item)) pending.push([item, false]);
    }
  }
  return changed;
}
