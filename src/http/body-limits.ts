import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";

/**
 * Request bodies are read into memory, so every route has a ceiling far below the runtime's
 * own (Bun's is 128 MB). Forms are a few fields; a JSON message is at most 4,000 characters,
 * which escaped as `\uXXXX` is still under 32 KB. Uploads will name their own, larger limit.
 */
export const bodySizes = { form: 8 * 1024, json: 64 * 1024 } as const;

/** A body over `maxSize` bytes is refused with 413 before any handler parses it. */
export const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new HTTPException(413, { message: `That request is too large: at most ${maxSize / 1024} KB.` });
    },
  });

/** Every route's limit in one place: JSON under /api, forms everywhere else. */
export function bodyLimits(): MiddlewareHandler {
  const json = limitBody(bodySizes.json);
  const form = limitBody(bodySizes.form);
  return (c, next) => (c.req.path.startsWith("/api/") ? json(c, next) : form(c, next));
}
