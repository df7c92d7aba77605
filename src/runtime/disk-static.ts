import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { type StaticSource, staticFiles } from "../http/static-files.ts";

// static/ sits two folders up both in the checkout and in the package's compiled lib/.
const root = new URL("../../", import.meta.url);
// htmx.org is a dependency: in a host app npm hoists it beside Parley, so find it as a module.
const htmx = (file: string) => pathToFileURL(createRequire(import.meta.url).resolve(`htmx.org/dist/${file}`));
const js = "text/javascript; charset=utf-8";

/** The same files as bun-static.ts, read from disk: Node and Deno. A Map, so no inherited name (`__proto__`) is a file. */
const files = new Map<string, { url: URL; type: string }>([
  ["htmx.js", { url: htmx("htmx.min.js"), type: js }],
  ["hx-ws.js", { url: htmx("ext/hx-ws.min.js"), type: js }],
  ["hx-upsert.js", { url: htmx("ext/hx-upsert.min.js"), type: js }],
  ["app.css", { url: new URL("static/app.css", root), type: "text/css; charset=utf-8" }],
  ["room.js", { url: new URL("static/room.js", root), type: js }],
  ["connection.js", { url: new URL("static/connection.js", root), type: js }],
  ["composer.js", { url: new URL("static/composer.js", root), type: js }],
  ["outbox.js", { url: new URL("static/outbox.js", root), type: js }],
  ["drafts.js", { url: new URL("static/drafts.js", root), type: js }],
  ["keys.js", { url: new URL("static/keys.js", root), type: js }],
  ["attachments.js", { url: new URL("static/attachments.js", root), type: js }],
  ["image-viewer.js", { url: new URL("static/image-viewer.js", root), type: js }],
  ["embed.js", { url: new URL("static/embed.js", root), type: js }],
  ["embed-frame.js", { url: new URL("static/embed-frame.js", root), type: js }],
  ["favicon.svg", { url: new URL("static/favicon.svg", root), type: "image/svg+xml" }],
]);
const sources = new Map<string, StaticSource>(
  [...files].map(([name, { url, type }]) => [name, { type, read: () => readFile(url) }]),
);

export const serveStatic = staticFiles(sources);
