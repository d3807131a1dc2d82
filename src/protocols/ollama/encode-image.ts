import type { HubImagePart } from "../../core/hub/index.ts";

const dataUrlPattern = /^data:[^,]*?;base64,(.*)$/is;

/**
 * An image as Ollama's `images` takes it: bare base64 (Ollama sniffs the format from the bytes). A data URL is
 * stripped to its base64 payload; a remote URL cannot be sent (Ollama never fetches images), so it gives
 * undefined and the caller notes the drop.
 */
export function encodeImage(image: HubImagePart): string | undefined {
  if (image.source.kind === "base64") return image.source.data;
  const dataUrl = dataUrlPattern.exec(image.source.url);
  return dataUrl ? dataUrl[1] : undefined;
}
