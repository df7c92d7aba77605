import { readFile } from "node:fs/promises";
import type { Context } from "hono";

const root = new URL("../../", import.meta.url);
const js = "text/javascript; charset=utf-8";

/** The same files as bun-static.ts, read from the checkout: Node and Deno run from source. A Map, so no inherited name (`__proto__`) is a file. */
const files = new Map<string, { url: URL; type: string }>([
  ["htmx.js", { url: new URL("node_modules/htmx.org/dist/htmx.min.js", root), type: js }],
  ["hx-ws.js", { url: new URL("node_modules/htmx.org/dist/ext/hx-ws.min.js", root), type: js }],
  ["hx-upsert.js", { url: new URL("node_modules/htmx.org/dist/ext/hx-upsert.min.js", root), type: js }],
  ["app.css", { url: new URL("static/app.css", root), type: "text/css; charset=utf-8" }],
  ["room.js", { url: new URL("static/room.js", root), type: js }],
  ["connection.js", { url: new URL("static/connection.js", root), type: js }],
  ["composer.js", { url: new URL("static/composer.js", root), type: js }],
  ["outbox.js", { url: new URL("static/outbox.js", root), type: js }],
]);
// All text (scripts and CSS); read once, then served from memory.
const cache = new Map<string, string>();

export async function serveStatic(c: Context) {
  const name = c.req.param("file") ?? "";
  const file = files.get(name);
  if (!file) return c.notFound();
  const body = cache.get(name) ?? (await readFile(file.url, "utf8"));
  cache.set(name, body);
  return c.body(body, 200, { "content-type": file.type, "cache-control": "public, max-age=300" });
}
