import { type ImageSize, imageSizeFromBase64 } from "./image-size.ts";

/**
 * Image cost as Anthropic documents it (https://docs.anthropic.com/en/docs/build-with-claude/vision#calculate-image-costs):
 * tokens ≈ width × height / 750, after the image is scaled down (aspect ratio kept) so its long edge is at most
 * 1568 px and it costs at most ~1,600 tokens. The documented "largest sizes that are not resized" sit between
 * 1.15 and 1.23 megapixels, so the cap used here is the top of that range (1,600 × 750 = 1.2 MP): never under-count.
 */
export const IMAGE_MAX_LONG_EDGE = 1568;
export const IMAGE_MAX_TOKENS = 1600;
const PIXELS_PER_TOKEN = 750;

/** What an image costs when its size cannot be read (URL sources, unknown formats): the cap, so never too low. */
export const UNKNOWN_IMAGE_TOKENS = IMAGE_MAX_TOKENS;

/** The size Anthropic scales an image down to before counting it. */
export function scaledImageSize({ width, height }: ImageSize): ImageSize {
  let scale = Math.min(1, IMAGE_MAX_LONG_EDGE / Math.max(width, height));
  const maxPixels = IMAGE_MAX_TOKENS * PIXELS_PER_TOKEN;
  const pixels = width * scale * (height * scale);
  if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

export function imageTokensForSize(size: ImageSize): number {
  const { width, height } = scaledImageSize(size);
  return Math.min(IMAGE_MAX_TOKENS, Math.ceil((width * height) / PIXELS_PER_TOKEN));
}

/**
 * Tokens for an Anthropic image `source` ({type: "base64", media_type, data} | {type: "url", url} | …). Reads only
 * the header bytes of base64 data; never estimates from the data's length.
 */
export function imageSourceTokens(source: unknown): number {
  if (typeof source !== "object" || source === null) return UNKNOWN_IMAGE_TOKENS;
  const data = (source as { data?: unknown }).data;
  if (typeof data !== "string") return UNKNOWN_IMAGE_TOKENS;
  const size = imageSizeFromBase64(data);
  return size ? imageTokensForSize(size) : UNKNOWN_IMAGE_TOKENS;
}
