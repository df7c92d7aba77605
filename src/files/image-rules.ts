/**
 * What an uploaded image may be, shared by validation, the file route and the forms (which
 * show the limits). Dependency-free, so views can import it.
 */
export const imageRules = {
  /** 2 MiB: an avatar or a photo from a phone, resized; the form says "2 MB". */
  maxBytes: 2 * 1024 * 1024,
  /** Larger images are refused: a small file can decode into a picture that exhausts a browser's memory. */
  maxSide: 10_000,
  /**
   * Width × height: a 12 KB PNG of 10,000 × 10,000 passes the side limit yet costs each viewer
   * about 400 MB decoded. 25 megapixels (about 100 MB decoded) is more than a phone photo that fits in 2 MB.
   */
  maxPixels: 25_000_000,
  /** The value of a file input's `accept`. */
  accept: "image/png,image/jpeg,image/webp,image/gif",
  description: "PNG, JPEG, WebP or GIF, at most 2 MB and 25 megapixels.",
  /** Said wherever a file over `maxBytes` is refused: by the forms' scripts before sending, and by the server. */
  tooLarge: "That picture is too large: at most 2 MB.",
} as const;

/** The types Parley stores (never SVG: it can carry script), each with the extension its files are named by. */
export const imageExtensions = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
} as const;

export type ImageType = keyof typeof imageExtensions;

/** A stored file's name, `<sha-256 hex>.<ext>`: what `/files/…` serves and what pages link to. */
export const fileName = (hash: string, type: ImageType) => `${hash}.${imageExtensions[type]}`;

/** The only names `/files/…` answers: anything else (dots, slashes, upper case) is a 404. */
export const fileNamePattern = /^([0-9a-f]{64})\.(png|jpg|webp|gif)$/;

/** The largest box a message shows its image in (CSS pixels); a click opens it full size. */
export const messageImageBox = 320;

/**
 * The size an image is shown at: its own, or scaled down to fit `box` keeping its aspect
 * ratio. Set as the img's width and height, so the list keeps its place while it loads.
 */
export function shownSize(image: { width: number; height: number }, box: number = messageImageBox) {
  const scale = Math.min(1, box / image.width, box / image.height);
  return { width: Math.max(1, Math.round(image.width * scale)), height: Math.max(1, Math.round(image.height * scale)) };
}
