import hxUpsert from "htmx.org/dist/ext/hx-upsert.min.js" with { type: "file" };
import hxWs from "htmx.org/dist/ext/hx-ws.min.js" with { type: "file" };
import htmx from "htmx.org/dist/htmx.min.js" with { type: "file" };
import appCss from "../../static/app.css" with { type: "file" };
import attachmentsJs from "../../static/attachments.js" with { type: "file" };
import composerJs from "../../static/composer.js" with { type: "file" };
import composerModesJs from "../../static/composer-modes.js" with { type: "file" };
import connectionJs from "../../static/connection.js" with { type: "file" };
import draftsJs from "../../static/drafts.js" with { type: "file" };
import embedJs from "../../static/embed.js" with { type: "file" };
import embedFrameJs from "../../static/embed-frame.js" with { type: "file" };
import emojiPickerJs from "../../static/emoji-picker.js" with { type: "file" };
import faviconSvg from "../../static/favicon.svg" with { type: "file" };
import imageViewerJs from "../../static/image-viewer.js" with { type: "file" };
import keysJs from "../../static/keys.js" with { type: "file" };
import messageActionsJs from "../../static/message-actions.js" with { type: "file" };
import messageDomJs from "../../static/message-dom.js" with { type: "file" };
import messageLinkJs from "../../static/message-link.js" with { type: "file" };
import outboxJs from "../../static/outbox.js" with { type: "file" };
import pushSettingsJs from "../../static/push-settings.js" with { type: "file" };
import pushWorkerJs from "../../static/push-worker.js" with { type: "file" };
import quickSwitcherJs from "../../static/quick-switcher.js" with { type: "file" };
import reactionsJs from "../../static/reactions.js" with { type: "file" };
import roomJs from "../../static/room.js" with { type: "file" };
import wsReconnectJs from "../../static/ws-reconnect.js" with { type: "file" };
import { staticManifest } from "../../views/static-manifest.ts";
import { type StaticSource, staticFiles } from "../http/static-files.ts";

/**
 * Where Bun finds each of the manifest's sources. `bun build --compile` embeds only what a static
 * `type: "file"` import names, so each is written out here, keyed by the manifest's `source`.
 */
const embedded = new Map<string, string>([
  ["htmx.org/dist/htmx.min.js", htmx],
  ["htmx.org/dist/ext/hx-ws.min.js", hxWs],
  ["htmx.org/dist/ext/hx-upsert.min.js", hxUpsert],
  ["static/favicon.svg", faviconSvg],
  ["static/app.css", appCss],
  ["static/ws-reconnect.js", wsReconnectJs],
  ["static/connection.js", connectionJs],
  ["static/composer.js", composerJs],
  ["static/outbox.js", outboxJs],
  ["static/drafts.js", draftsJs],
  ["static/keys.js", keysJs],
  ["static/room.js", roomJs],
  ["static/message-dom.js", messageDomJs],
  ["static/message-actions.js", messageActionsJs],
  ["static/emoji-picker.js", emojiPickerJs],
  ["static/composer-modes.js", composerModesJs],
  ["static/reactions.js", reactionsJs],
  ["static/attachments.js", attachmentsJs],
  ["static/image-viewer.js", imageViewerJs],
  ["static/message-link.js", messageLinkJs],
  ["static/quick-switcher.js", quickSwitcherJs],
  ["static/push-settings.js", pushSettingsJs],
  ["static/push-worker.js", pushWorkerJs],
  ["static/embed-frame.js", embedFrameJs],
  ["static/embed.js", embedJs],
]);

/** The sources embedded here: the manifest's, exactly (test/views/static-manifest.test.ts). */
export const embeddedSources = [...embedded.keys()];

// A file in the manifest and not embedded would be a 404 in the binary only: refuse to start.
const missing = staticManifest.filter((file) => !embedded.has(file.source)).map((file) => file.source);
if (missing.length > 0) throw new Error(`bun-static.ts embeds no file for ${missing.join(", ")}`);

/** A Map, not an object: `__proto__` or `toString` must be unknown names, not inherited ones. */
const sources = new Map<string, StaticSource>(
  staticManifest.map(({ name, source, type }) => {
    const path = embedded.get(source) as string;
    return [name, { type, read: async () => await Bun.file(path).bytes() }];
  }),
);

export const serveStatic = staticFiles(sources);
