import type { Child } from "hono/jsx";
import { usePaths } from "./paths.ts";
import { useSite } from "./site.ts";
import { inHead } from "./static-manifest.ts";

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
      {inHead("icon").map((file) => (
        <link rel="icon" href={to(`/static/${file.name}`)} type={file.type} />
      ))}
      {inHead("stylesheet").map((file) => (
        <link rel="stylesheet" href={to(`/static/${file.name}`)} />
      ))}
      {/* A host app's theme: after Parley's, so its custom properties win. */}
      {stylesheets.map((href) => (
        <link rel="stylesheet" href={href} />
      ))}
      {/* Under the strict CSP htmx may inject no styles: its indicator CSS is in app.css. */}
      <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
      {/* htmx and its extensions are not deferred: htmx initialises on a timer once the document
        is parsed, and an extension still downloading then would miss the page (no socket at all). */}
      {inHead("script").map((file) => (
        <script src={to(`/static/${file.name}`)}></script>
      ))}
      {/* Deferred, so they run before htmx initialises (on DOMContentLoaded) and see the room's
        first connection; in the manifest's order (views/static-manifest.ts). */}
      {inHead("deferred").map((file) => (
        <script src={to(`/static/${file.name}`)} defer></script>
      ))}
      {children}
    </>
  );
};
