import type { Context } from "hono";
import { bodyLimit as honoBodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../app-env.ts";
import { imageRules } from "../files/image-rules.ts";

/**
 * Request bodies are read into memory, so every route has a ceiling far below the runtime's
 * own (Bun's is 128 MB). Forms are a few fields; a JSON message is at most 4,000 characters,
 * which escaped as `\uXXXX` is still under 32 KB. A form with a picture holds one image (2 MB)
 * and a few fields; its image is checked against the 2 MB itself, with a message on the form.
 *
 * The profile form takes twice that: a photo somewhat over 2 MB is then refused by its route,
 * on the settings page with the name and bio as typed. Past that, the route's own limit still
 * answers with the settings page (see accounts/settings-routes.tsx), but what was typed is lost
 * with the body it came in.
 */
export const bodySizes = {
  form: 8 * 1024,
  json: 64 * 1024,
  upload: imageRules.maxBytes + 64 * 1024,
  profile: 2 * imageRules.maxBytes + 64 * 1024,
} as const;

/**
 * A body over `maxSize` bytes is refused with 413 before any handler parses it: a page or JSON
 * saying `answer`, or the response `answer` makes.
 */
export const limitBody = (
  maxSize: number,
  answer:
    | string
    | ((c: Context) => Response | Promise<Response>) = `That request is too large: at most ${maxSize / 1024} KB.`,
) =>
  honoBodyLimit({
    maxSize,
    onError: (c) => {
      if (typeof answer === "function") return answer(c);
      throw new HTTPException(413, { message: answer });
    },
  });

const limits = {
  json: limitBody(bodySizes.json),
  form: limitBody(bodySizes.form),
  upload: limitBody(bodySizes.upload, "That picture is too large: at most 2 MB. Nothing was saved."),
  // The profile form limits its own body, after the session is read, so it can answer with the person's settings page.
  own: null,
};

/**
 * A route's body limit, mounted where it applies (`app.use("/api/*", bodyLimit("json"))`):
 * the first one mounted for a request is its limit, so mount the specific ones before `form`,
 * which covers every other route.
 */
export const bodyLimit = (kind: keyof typeof limits) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.get("bodyLimited")) return next();
    c.set("bodyLimited", true);
    const limit = limits[kind];
    return limit ? limit(c, next) : next();
  });
