import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { User } from "../src/store/records.ts";

/**
 * Every full page: htmx and its extensions load before the page is processed. A page with a
 * `sidebar` (the room) fills the window and scrolls inside; the others scroll as a document.
 */
export const Layout = ({
  title,
  user,
  sidebar,
  children,
}: {
  title: string;
  user: User | null;
  sidebar?: Child;
  children?: Child;
}) => (
  <>
    {raw("<!DOCTYPE html>")}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Parley`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        {/* Under the strict CSP htmx may inject no styles: its indicator CSS is in app.css. */}
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        {/* Not deferred: htmx initialises on a timer once the document is parsed, and an
            extension still downloading then would miss the page (no socket at all). */}
        <script src="/static/htmx.js"></script>
        <script src="/static/hx-ws.js"></script>
        <script src="/static/hx-upsert.js"></script>
        {/* Deferred, so they run before htmx initialises (on DOMContentLoaded) and see the
            room's first connection: connection state and reconnects, the composer, the sends
            waiting for the server, then the timeline (local times, following the newest). */}
        <script src="/static/connection.js" defer></script>
        <script src="/static/composer.js" defer></script>
        <script src="/static/outbox.js" defer></script>
        <script src="/static/room.js" defer></script>
      </head>
      <body class={sidebar ? "app" : undefined}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="topbar">
          <a class="brand" href="/">
            Parley
          </a>
          <nav aria-label="Account">
            {user ? (
              <>
                <a href={`/u/${user.username}`} class="me">
                  {user.username}
                </a>
                <a href="/settings">Settings</a>
                <form method="post" action="/logout" class="inline">
                  <button type="submit" class="link">
                    Log out
                  </button>
                </form>
              </>
            ) : (
              <>
                <a href="/login">Log in</a>
                <a href="/signup">Sign up</a>
              </>
            )}
          </nav>
        </header>
        {sidebar ? (
          <div class="shell">
            {sidebar}
            <main id="main">{children}</main>
          </div>
        ) : (
          <main id="main">{children}</main>
        )}
      </body>
    </html>
  </>
);
