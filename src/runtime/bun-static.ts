import hxUpsert from "htmx.org/dist/ext/hx-upsert.min.js" with { type: "file" };
import hxWs from "htmx.org/dist/ext/hx-ws.min.js" with { type: "file" };
import htmx from "htmx.org/dist/htmx.min.js" with { type: "file" };
import appCss from "../../static/app.css" with { type: "file" };
import attachmentsJs from "../../static/attachments.js" with { type: "file" };
import composerJs from "../../static/composer.js" with { type: "file" };
import connectionJs from "../../static/connection.js" with { type: "file" };
import draftsJs from "../../static/drafts.js" with { type: "file" };
import embedJs from "../../static/embed.js" with { type: "file" };
import embedFrameJs from "../../static/embed-frame.js" with { type: "file" };
import faviconSvg from "../../static/favicon.svg" with { type: "file" };
import imageViewerJs from "../../static/image-viewer.js" with { type: "file" };
import keysJs from "../../static/keys.js" with { type: "file" };
import outboxJs from "../../static/outbox.js" with { type: "file" };
import roomJs from "../../static/room.js" with { type: "file" };
import { type StaticSource, staticFiles } from "../http/static-files.ts";

/**
 * Static files by URL name; `type: "file"` imports are embedded by `bun build --compile`. A Map,
 * not an object literal: `__proto__` or `toString` must be unknown names, not inherited ones.
 */
const files = new Map<string, { path: string; type: string }>([
  ["favicon.svg", { path: faviconSvg, type: "image/svg+xml" }],
  ["htmx.js", { path: htmx, type: "text/javascript; charset=utf-8" }],
  ["hx-ws.js", { path: hxWs, type: "text/javascript; charset=utf-8" }],
  ["hx-upsert.js", { path: hxUpsert, type: "text/javascript; charset=utf-8" }],
  ["app.css", { path: appCss, type: "text/css; charset=utf-8" }],
  ["room.js", { path: roomJs, type: "text/javascript; charset=utf-8" }],
  ["connection.js", { path: connectionJs, type: "text/javascript; charset=utf-8" }],
  ["composer.js", { path: composerJs, type: "text/javascript; charset=utf-8" }],
  ["outbox.js", { path: outboxJs, type: "text/javascript; charset=utf-8" }],
  ["drafts.js", { path: draftsJs, type: "text/javascript; charset=utf-8" }],
  ["keys.js", { path: keysJs, type: "text/javascript; charset=utf-8" }],
  ["attachments.js", { path: attachmentsJs, type: "text/javascript; charset=utf-8" }],
  ["image-viewer.js", { path: imageViewerJs, type: "text/javascript; charset=utf-8" }],
  ["embed.js", { path: embedJs, type: "text/javascript; charset=utf-8" }],
  ["embed-frame.js", { path: embedFrameJs, type: "text/javascript; charset=utf-8" }],
]);

const sources = new Map<string, StaticSource>(
  [...files].map(([name, { path, type }]) => [name, { type, read: async () => await Bun.file(path).bytes() }]),
);

export const serveStatic = staticFiles(sources);
