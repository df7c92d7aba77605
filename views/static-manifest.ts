/** One file served under `/static/<name>`, and how every page's head loads it. */
export interface StaticFile {
  name: string;
  /** Where its bytes are: a file of Parley's `static/`, or of the htmx.org package (`htmx.org/dist/…`). */
  source: string;
  type: string;
  /**
   * In every page's head: the icon, the stylesheet, a script run as it loads, or a deferred one
   * (in this order). None: only the pages that ask for it, or other sites (the embed snippet).
   */
  head?: "icon" | "stylesheet" | "script" | "deferred";
}

const js = "text/javascript; charset=utf-8";

/**
 * The static files, the one list of them: the runtimes serve these names (src/runtime/disk-static.ts
 * from disk, bun-static.ts from the binary, whose `type: "file"` imports must stay written out) and
 * views/page-head.tsx loads them. Scripts load in this order. A new file is a line here (and, for
 * Bun, an import in bun-static.ts: test/views/static-manifest.test.ts says which is missing).
 */
export const staticManifest: readonly StaticFile[] = [
  { name: "favicon.svg", source: "static/favicon.svg", type: "image/svg+xml", head: "icon" },
  { name: "app.css", source: "static/app.css", type: "text/css; charset=utf-8", head: "stylesheet" },
  // htmx, then its extensions: not deferred (page-head.tsx says why).
  { name: "htmx.js", source: "htmx.org/dist/htmx.min.js", type: js, head: "script" },
  { name: "hx-ws.js", source: "htmx.org/dist/ext/hx-ws.min.js", type: js, head: "script" },
  { name: "hx-upsert.js", source: "htmx.org/dist/ext/hx-upsert.min.js", type: js, head: "script" },
  // The one extension of hx-ws (a reconnect when the page says), connection state and reconnects, the composer, the sends waiting for the server, the drafts
  // kept per room, the keyboard, then the timeline (local times, following the newest).
  { name: "ws-reconnect.js", source: "static/ws-reconnect.js", type: js, head: "deferred" },
  { name: "connection.js", source: "static/connection.js", type: js, head: "deferred" },
  { name: "composer.js", source: "static/composer.js", type: js, head: "deferred" },
  { name: "outbox.js", source: "static/outbox.js", type: js, head: "deferred" },
  { name: "drafts.js", source: "static/drafts.js", type: js, head: "deferred" },
  { name: "keys.js", source: "static/keys.js", type: js, head: "deferred" },
  { name: "room.js", source: "static/room.js", type: js, head: "deferred" },
  // What a person does to a message (react, reply, edit, delete, link), the emoji to react with,
  // the composer's reply and edit modes, the reader's own reactions.
  { name: "message-dom.js", source: "static/message-dom.js", type: js, head: "deferred" },
  { name: "message-actions.js", source: "static/message-actions.js", type: js, head: "deferred" },
  { name: "emoji-picker.js", source: "static/emoji-picker.js", type: js, head: "deferred" },
  { name: "composer-modes.js", source: "static/composer-modes.js", type: js, head: "deferred" },
  { name: "reactions.js", source: "static/reactions.js", type: js, head: "deferred" },
  // Images: attached by choice, paste or drop; opened over the room.
  { name: "attachments.js", source: "static/attachments.js", type: js, head: "deferred" },
  { name: "image-viewer.js", source: "static/image-viewer.js", type: js, head: "deferred" },
  // A room opened at one message (after room.js, which first settles on the newest), and Ctrl+K.
  { name: "message-link.js", source: "static/message-link.js", type: js, head: "deferred" },
  { name: "quick-switcher.js", source: "static/quick-switcher.js", type: js, head: "deferred" },
  // The settings page's "Notifications on this device" (views/accounts/push-control.tsx adds it), and
  // the service worker it registers, served at the base path's root too (its scope is its folder).
  { name: "push-settings.js", source: "static/push-settings.js", type: js },
  { name: "push-worker.js", source: "static/push-worker.js", type: js },
  // The embed's frame (views/embed/page.tsx adds it) and the snippet other sites load (/embed.js).
  { name: "embed-frame.js", source: "static/embed-frame.js", type: js },
  { name: "embed.js", source: "static/embed.js", type: js },
];

/** The manifest's files that every page's head loads as `kind`, in order. */
export const inHead = (kind: NonNullable<StaticFile["head"]>) => staticManifest.filter((file) => file.head === kind);
