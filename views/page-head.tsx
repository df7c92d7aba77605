import type { Child } from "hono/jsx";
import { usePaths } from "./paths.ts";
import { useSite } from "./site.ts";

/**
 * Every page's head, the room's and the embed's alike: htmx and its extensions load before the
 * page is processed. `children` adds to it (the embed's theme and its frame script).
 */
export const PageHead = ({ title, children }: { title: string; children?: Child }) => (
  <head>
    <HeadParts title={title}>{children}</HeadParts>
  </head>
);

/** What goes in a page's head, without the element: a host app's layout puts it in its own. */
export const HeadParts = ({ title, children }: { title: string; children?: Child }) => {
  const { to } = usePaths();
  const { stylesheets = [] } = useSite();
  return (
    <>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · Parley`}</title>
      <link rel="icon" href={to("/static/favicon.svg")} type="image/svg+xml" />
      <link rel="stylesheet" href={to("/static/app.css")} />
      {/* A host app's theme: after Parley's, so its custom properties win. */}
      {stylesheets.map((href) => (
        <link rel="stylesheet" href={href} />
      ))}
      {/* Under the strict CSP htmx may inject no styles: its indicator CSS is in app.css. */}
      <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
      {/* Not deferred: htmx initialises on a timer once the document is parsed, and an
        extension still downloading then would miss the page (no socket at all). */}
      <script src={to("/static/htmx.js")}></script>
      <script src={to("/static/hx-ws.js")}></script>
      <script src={to("/static/hx-upsert.js")}></script>
      {/* Deferred, so they run before htmx initialises (on DOMContentLoaded) and see the
        room's first connection: connection state and reconnects, the composer, the sends
        waiting for the server, the drafts kept per room, the keyboard, then the timeline
        (local times, following the newest). */}
      <script src={to("/static/connection.js")} defer></script>
      <script src={to("/static/composer.js")} defer></script>
      <script src={to("/static/outbox.js")} defer></script>
      <script src={to("/static/drafts.js")} defer></script>
      <script src={to("/static/keys.js")} defer></script>
      <script src={to("/static/room.js")} defer></script>
      {/* Images: attached by choice, paste or drop; opened over the room. */}
      <script src={to("/static/attachments.js")} defer></script>
      <script src={to("/static/image-viewer.js")} defer></script>
      {children}
    </>
  );
};
