import { isRecord } from "../../core/is-record.ts";
import { type CompiledPath, pathMatches } from "./path-query.ts";

type Removal = { list: unknown[]; index: number } | { record: Record<string, unknown>; key: string };

/** jsonpath-plus names a list element by a number or, after `[0]` or a union, by a string of digits. */
function removalOf(parent: unknown, key: string | number | null): Removal | undefined {
  if (Array.isArray(parent)) {
    const index = typeof key === "number" ? key : typeof key === "string" && /^\d+$/.test(key) ? Number(key) : -1;
    return index >= 0 && index < parent.length ? { list: parent, index } : undefined;
  }
  return isRecord(parent) && typeof key === "string" && Object.hasOwn(parent, key) ? { record: parent, key } : undefined;
}

/** `{ drop }`: removes every match (a list element is spliced out, a key deleted); true when one was there. */
export function dropAtPath(path: CompiledPath): (json: object) => boolean {
  return (json) => {
    const removals = pathMatches(path.text, json).flatMap(({ parent, parentProperty }) => removalOf(parent, parentProperty) ?? []);
    // Highest list index first, so removing one element does not shift the next one to remove; once per element.
    const lists = removals.filter((removal) => "list" in removal).sort((left, right) => right.index - left.index);
    const done = new Map<unknown[], Set<number>>();
    for (const { list, index } of lists) {
      const removed = done.get(list) ?? new Set<number>();
      if (removed.has(index)) continue;
      list.splice(index, 1);
      done.set(list, removed.add(index));
    }
    for (const removal of removals) if ("record" in removal) delete removal.record[removal.key];
    return removals.length > 0;
  };
}
