import { imageSize } from "image-size";
import { type ImageType, imageExtensions, imageRules } from "./image-rules.ts";
import { imageTypeOf } from "./image-type.ts";

export type Inspection =
  | { ok: true; image: { type: ImageType; width: number; height: number } }
  | { ok: false; reason: "too-large" | "not-an-image"; error: string };

const notAnImage = {
  ok: false,
  reason: "not-an-image",
  error: "That file is not a PNG, JPEG, WebP or GIF image.",
} as const;

/**
 * What an upload is, from its bytes alone: the type from its magic numbers, the pixel size
 * from its header (image-size, pure JavaScript, so the same on Bun, Node, Deno and the
 * binary). Both must agree, and the header must be whole: a PNG signature in front of
 * anything else is refused too.
 */
export function inspectImage(bytes: Uint8Array): Inspection {
  if (bytes.length > imageRules.maxBytes) return { ok: false, reason: "too-large", error: imageRules.tooLarge };
  const type = imageTypeOf(bytes);
  if (!type) return notAnImage;
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return notAnImage;
  }
  const { width, height } = size;
  if (size.type !== imageExtensions[type] || !width || !height) return notAnImage;
  if (width > imageRules.maxSide || height > imageRules.maxSide)
    return {
      ok: false,
      reason: "too-large",
      error: `That picture is too large: at most ${imageRules.maxSide.toLocaleString("en")} pixels on a side.`,
    };
  if (width * height > imageRules.maxPixels) {
    const side = Math.floor(Math.sqrt(imageRules.maxPixels)).toLocaleString("en");
    return {
      ok: false,
      reason: "too-large",
      error: `That picture is too large: at most ${imageRules.maxPixels / 1_000_000} megapixels (${side} × ${side}).`,
    };
  }
  return { ok: true, image: { type, width, height } };
}
