import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { imageRules } from "../files/image-rules.ts";

/**
 * Request bodies are read into memory, so every route has a ceiling far below the runtime's
 * own (Bun's is 128 MB). Forms are a few fields; a JSON message is at most 4,000 characters,
 * which escaped as `\uXXXX` is still under 32 KB. A form with a picture holds one image (2 MB)
 * and a few fields; its image is checked against the 2 MB itself, with a message on the form.
 */
export const bodySizes = {
  form: 8 * 1024,
  json: 64 * 1024,
  upload: imageRules.maxBytes + 64 * 1024,
} as const;

/** The forms that carry a picture (multipart): the profile, and a room's image messages. */
const uploadPaths = [/^\/settings\/profile$/, /^\/rooms\/[^/]+\/messages$/];

/** A body over `maxSize` bytes is refused with 413 before any handler parses it. */
export const limitBody = (maxSize: number, message = `That request is too large: at most ${maxSize / 1024} KB.`) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new HTTPException(413, { message });
    },
  });

/** Every route's limit in one place: JSON under /api, uploads on their forms, other forms everywhere else. */
export function bodyLimits(): MiddlewareHandler {
  const json = limitBody(bodySizes.json);
  const form = limitBody(bodySizes.form);
  const upload = limitBody(bodySizes.upload, "That picture is too large: at most 2 MB. Nothing was saved.");
  return (c, next) => {
    if (c.req.path.startsWith("/api/")) return json(c, next);
    if (uploadPaths.some((path) => path.test(c.req.path))) return upload(c, next);
    return form(c, next);
  };
}
