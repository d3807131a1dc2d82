import type { HubCacheControl } from "../../core/hub/index.ts";
import { isRecord } from "./is-record.ts";

/** Keeps a block's `cache_control` (e.g. `{type: "ephemeral", ttl: "1h"}`) as given; encoders decide what survives. */
export function decodeCacheControl(block: Record<string, unknown>): { cacheControl?: HubCacheControl } {
  const value = block.cache_control;
  if (!isRecord(value) || typeof value.type !== "string") return {};
  return { cacheControl: value as HubCacheControl };
}
