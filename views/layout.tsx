import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { User } from "../src/store/records.ts";
import { HeadParts, PageHead } from "./page-head.tsx";
import { usePaths } from "./paths.ts";
import { QuickSwitcher } from "./rooms/quick-switcher.tsx";
import { useSignIn, useSite } from "./site.ts";

/**
 * Every full page: htmx and its extensions load before the page is processed. A page with a
 * `sidebar` (the room) fills the window and scrolls inside; the others scroll as a document.
 * Inside a host app with a layout of its own, the page goes in that layout instead of
 * Parley's frame: the host's header, Parley's room.
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
  const { layout } = useSite();
  // The quick switcher beside the sidebar, not in it: the sidebar is a closed popover on phones.
  const page = sidebar ? (
    <div class="shell">
      {sidebar}
      <main id="main">{children}</main>
      <QuickSwitcher />
    </div>
  ) : (
    <main id="main">{children}</main>
  );
  const skipLink = (
    <a class="skip-link" href="#main">
      Skip to content
    </a>
  );
  if (layout) {
    const person = user ? { name: user.displayName ?? user.username, username: user.username } : null;
    const body = (
      <div class={sidebar ? "parley app" : "parley"}>
        {skipLink}
        {page}
      </div>
    );
    return (
      <>
        {raw("<!DOCTYPE html>")}
        {layout({ title, head: <HeadParts title={title} />, children: body, person })}
      </>
    );
  }
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="en">
        <PageHead title={title} />
        <body class={sidebar ? "app" : undefined}>
          {skipLink}
          <TopBar user={user} />
          {page}
        </body>
      </html>
    </>
  );
};

/** Parley's own header: its name, and the person's account (or, in a host app, just who they are). */
const TopBar = ({ user }: { user: User | null }) => {
  const { to } = usePaths();
  const { signInUrl, administrator } = useSite();
  const signIn = useSignIn();
  return (
    <header class="topbar">
      <a class="brand" href={to("/")}>
        Parley
      </a>
      <nav aria-label="Account">
        {user && signInUrl ? (
          <a href={to(`/u/${user.username}`)} class="me">
            {user.displayName ?? user.username}
          </a>
        ) : user ? (
          <>
            <a href={to(`/u/${user.username}`)} class="me">
              {user.username}
            </a>
            <a href={to("/search")} class="topbar-search" title="Search messages">
              <span class="visually-hidden">Search messages</span>
              <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
                <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
                <path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
              </svg>
            </a>
            {administrator ? <a href={to("/admin")}>Admin</a> : null}
            <a href={to("/settings")}>Settings</a>
            <form method="post" action={to("/logout")} class="inline" data-logout="">
              <button type="submit" class="link">
                Log out
              </button>
            </form>
          </>
        ) : signInUrl ? (
          <a href={signIn}>Sign in</a>
        ) : (
          <>
            <a href={signIn}>Log in</a>
            <a href={to("/signup")}>Sign up</a>
          </>
        )}
      </nav>
    </header>
  );
};
