import { isRecord } from "../../core/is-record.ts";
import { type CompiledPath, pathMatches, pathValues } from "./path-query.ts";

const INDEX = /^\d+$/;

/**
 * `{ set, value }`: puts `value` at the path. When the last step names one key or index, it is created in every
 * parent the rest of the path matches (a list index up to its length: appending, never leaving holes); otherwise
 * (`[*]`, a filter, `..name`) every existing match is replaced. Each write gets its own copy of an object value,
 * so a later transform editing the body never edits the config. True when something changed.
 */
export function setAtPath(path: CompiledPath, value: unknown): (json: object) => boolean {
  const isObject = typeof value === "object" && value !== null;
  const copy = () => (isObject ? structuredClone(value) : value);
  const write = (parent: unknown, key: string | number): boolean => {
    if (Array.isArray(parent)) {
      const index = typeof key === "number" ? key : INDEX.test(key) ? Number(key) : -1;
      if (index < 0 || index > parent.length || (!isObject && Object.is(parent[index], value))) return false;
      parent[index] = copy();
      return true;
    }
    if (!isRecord(parent) || (!isObject && Object.hasOwn(parent, key) && Object.is(parent[key], value))) return false;
    parent[key] = copy();
    return true;
  };
  const leaf = path.leaf;
  if (leaf) {
    return (json) => pathValues(leaf.parent, json).reduce<boolean>((changed, parent) => write(parent, leaf.key) || changed, false);
  }
  return (json) => pathMatches(path.text, json).reduce<boolean>((changed, match) => (match.parentProperty !== null && write(match.parent, match.parentProperty)) || changed, false);
}
