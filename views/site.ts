import { type Child, createContext, useContext } from "hono/jsx";
import { usePaths } from "./paths.ts";

/** What a host app's layout gets to wrap Parley's page in (the kit's `layout` option). */
export interface PageLayoutProps {
  /** The page's own title ("General"); `head` holds it as `<title>` too. */
  title: string;
  /** Parley's stylesheet, scripts and title: put them in your `<head>`. */
  head: Child;
  /** Parley's page (`<div class="parley">`): put it in your `<body>`, after your own header. */
  children: Child;
  /** Who is signed in, as Parley shows them; null for a visitor. */
  person: { name: string; username: string } | null;
}

/** A host app's page around Parley's (a hono/jsx component, or anything that renders to HTML). */
export type PageLayout = (props: PageLayoutProps) => Child;

/**
 * How Parley's pages sit in the site that serves them: on their own (Parley's accounts and page
 * frame), or inside a host app (the kit's signInUrl, layout and stylesheets).
 */
export interface Site {
  /** The host app's sign-in page when it keeps the accounts (the kit's identify); unset: Parley's own. */
  signInUrl?: string;
  layout?: PageLayout;
  /** Stylesheets after Parley's own (a host's theme: CSS custom properties, docs/kit.md). */
  stylesheets?: string[];
  /** The signed-in person administers this Parley: the header links the administration page. */
  administrator?: boolean;
}

const SiteContext = createContext<Site>({});

/** Gives the pages under it their site (the app's page renderer provides it). */
export const SiteProvider = SiteContext.Provider;

export const useSite = (): Site => useContext(SiteContext);

/** Where a visitor signs in: the host app's page, or Parley's own log-in. */
export function useSignIn(): string {
  const site = useSite();
  return site.signInUrl ?? usePaths().to("/login");
}
