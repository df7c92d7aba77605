import { Hono } from "hono";
import type { AppEnv, Deps } from "../app-env.ts";
import { fileName, fileNamePattern } from "./image-rules.ts";

/** A name is its content's hash: the bytes behind it never change, so browsers keep them for a year. */
const cacheControl = "public, max-age=31536000, immutable";
/** A private room's image: the reader's browser keeps it, no shared cache may hand it to anyone else. */
const membersCacheControl = "private, max-age=31536000, immutable";

/**
 * GET /files/<sha-256>.<ext>: stored images only. The name must be exactly a hash and a known
 * extension (no dots, slashes or encodings get through to the disk), and must match its row:
 * the Content-Type is the row's, read from the bytes at upload, never the URL's or a sniff's.
 */
export function fileRoutes(deps: Pick<Deps, "files" | "store">) {
  return new Hono<AppEnv>().get("/files/:name", async (c) => {
    const name = c.req.param("name");
    const hash = fileNamePattern.exec(name)?.[1];
    const file = hash ? await deps.store.files.find(hash) : null;
    if (!file || fileName(file.hash, file.type) !== name) return c.notFound();
    // An image posted in a private room is for its members: to anyone else it is the same 404 as
    // a missing file. Avatars and public rooms' images are everyone's.
    const audience = await deps.store.files.audience(file.hash, c.var.user?.id ?? null);
    if (!audience) return c.notFound();
    const headers = {
      "cache-control": audience === "everyone" ? cacheControl : membersCacheControl,
      etag: `"${file.hash}"`,
      "x-content-type-options": "nosniff",
    };
    if (c.req.header("if-none-match")?.includes(`"${file.hash}"`)) return c.body(null, 304, headers);
    const bytes = await deps.files.read(name);
    if (!bytes) return c.notFound();
    return c.body(new Uint8Array(bytes), 200, { ...headers, "content-type": file.type });
  });
}
