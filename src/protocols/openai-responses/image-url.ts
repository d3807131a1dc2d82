import type { HubImageSource } from "../../core/hub/index.ts";

const dataUrl = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s;

/** An `image_url` (a data URL or a web address) → a hub image source; data URLs become base64 sources. */
export function imageSourceFromUrl(url: string): HubImageSource {
  const match = dataUrl.exec(url);
  if (match?.[1] && match[2] !== undefined) return { kind: "base64", mediaType: match[1], data: match[2] };
  return { kind: "url", url };
}

/** A hub image source → the `image_url` string Responses takes. */
export function imageUrlFromSource(source: HubImageSource): string {
  return source.kind === "base64" ? `data:${source.mediaType};base64,${source.data}` : source.url;
}
