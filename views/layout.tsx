import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { User } from "../src/store/records.ts";
import { PageHead } from "./page-head.tsx";
import { usePaths } from "./paths.ts";

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
}) => {
  const { to } = usePaths();
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="en">
        <PageHead title={title} />
        <body class={sidebar ? "app" : undefined}>
          <a class="skip-link" href="#main">
            Skip to content
          </a>
          <header class="topbar">
            <a class="brand" href={to("/")}>
              Parley
            </a>
            <nav aria-label="Account">
              {user ? (
                <>
                  <a href={to(`/u/${user.username}`)} class="me">
                    {user.username}
                  </a>
                  <a href={to("/settings")}>Settings</a>
                  <form method="post" action={to("/logout")} class="inline" data-logout="">
                    <button type="submit" class="link">
                      Log out
                    </button>
                  </form>
                </>
              ) : (
                <>
                  <a href={to("/login")}>Log in</a>
                  <a href={to("/signup")}>Sign up</a>
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
};
