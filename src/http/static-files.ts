import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Context } from "hono";

type Encoding = "br" | "gzip";

/** Where a runtime finds one static file's bytes, and what it is. */
export type StaticSource = { type: string; read: () => Promise<Uint8Array> };

type Held = { type: string; bytes: Uint8Array; etag: string; encoded: Map<Encoding, Uint8Array | null> };

/*
 * Names stay plain (`/static/app.css`) with a short max-age plus ETag revalidation: hashed names
 * would make the layout look up every file's hash, and a deploy's new file still reaches every
 * browser within five minutes, after which a revalidation costs a 304 with no body.
 */
const cacheControl = "public, max-age=300";

/**
 * Serves static files from memory: each is read once, hashed once for its ETag, and compressed
 * once per encoding the first time a browser asks for it (brotli, else gzip: node:zlib has both
 * on Bun, Node and Deno, where CompressionStream has no brotli).
 */
export function staticFiles(files: Map<string, StaticSource>) {
  const loaded = new Map<string, Promise<Held>>();
  return async (c: Context) => {
    // `/static/:file`, or a file served at the root under its own name (`/embed.js`).
    const name = c.req.param("file") ?? c.req.path.slice(1);
    const source = files.get(name);
    if (!source) return c.notFound();
    let file = loaded.get(name);
    if (!file) {
      file = source.read().then((bytes) => hold(source.type, bytes));
      // A failed read is tried again on the next request rather than remembered.
      file.catch(() => loaded.delete(name));
      loaded.set(name, file);
    }
    return send(c, await file);
  };
}

function hold(type: string, bytes: Uint8Array): Held {
  const hash = createHash("sha256").update(bytes).digest("base64url").slice(0, 22);
  // Weak, so one tag names the file in every encoding: If-None-Match compares weakly anyway.
  return { type, bytes, etag: `W/"${hash}"`, encoded: new Map() };
}

function send(c: Context, file: Held) {
  const headers: Record<string, string> = {
    "cache-control": cacheControl,
    etag: file.etag,
    vary: "Accept-Encoding",
  };
  if (matches(c.req.header("if-none-match"), file.etag)) return c.body(null, 304, headers);
  const encoding = chooseEncoding(c.req.header("accept-encoding"));
  const encoded = encoding ? encode(file, encoding) : null;
  if (encoding && encoded) headers["content-encoding"] = encoding;
  headers["content-type"] = file.type;
  return c.body(new Uint8Array(encoded ?? file.bytes), 200, headers);
}

/** The compressed bytes, or null when compressing saves nothing (a tiny file). */
function encode(file: Held, encoding: Encoding) {
  if (file.encoded.has(encoding)) return file.encoded.get(encoding) ?? null;
  const bytes =
    encoding === "br"
      ? brotliCompressSync(file.bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
      : gzipSync(file.bytes, { level: 9 });
  const worth = bytes.length < file.bytes.length ? new Uint8Array(bytes) : null;
  file.encoded.set(encoding, worth);
  return worth;
}

function matches(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/** Brotli if the browser takes it, else gzip; an encoding given `q=0` is refused. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [name = "", ...params] = part.split(";").map((s) => s.trim());
    const weight = params.find((p) => p.startsWith("q="));
    q.set(name, weight ? Number(weight.slice(2)) || 0 : 1);
  }
  const accepts = (name: Encoding) => (q.get(name) ?? q.get("*") ?? 0) > 0;
  if (accepts("br")) return "br";
  if (accepts("gzip")) return "gzip";
  return null;
}
