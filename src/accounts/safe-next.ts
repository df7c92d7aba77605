import type { Paths } from "../../views/paths.ts";

const base = new URL("http://parley.invalid");
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const unsafe = /[\u0000-\u001f\u007f\\]/;

/**
 * A path of this app (under its base path) to return to after logging in, normalized;
 * anything else goes home.
 *
 * Browsers delete tab and newline inside URLs and read `\` as `/`, so `/<TAB>/evil.example`
 * arrives as `//evil.example`, another host: control characters and backslashes are refused
 * outright (CR, LF and NUL would also break the Location header). The value is judged both as
 * sent and percent-decoded once, then rebuilt by the URL parser the browser will use.
 */
export function safeNext(next: unknown, paths: Paths): string {
  const home = paths.to("/");
  if (typeof next !== "string" || next.length > 2048) return home;
  if (!looksLocal(next) || !looksLocal(decoded(next))) return home;
  const url = new URL(next, base);
  if (url.origin !== base.origin) return home;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into `//host` (`/.//evil`): still another site to a browser.
  return looksLocal(path) && isUnder(paths.base, url.pathname) ? path : home;
}

const isUnder = (base: string, pathname: string) => pathname === base || pathname.startsWith(`${base}/`);

const looksLocal = (path: string) => path.startsWith("/") && !path.startsWith("//") && !unsafe.test(path);

const decoded = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return ""; // a malformed escape: not a path we wrote
  }
};
