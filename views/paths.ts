import { createContext, useContext } from "hono/jsx";

/**
 * Where Parley is mounted and the one way to write its addresses: every link, form, script,
 * socket and redirect goes through `to`, so a host that mounts Parley at `/chat` gets
 * `/chat/rooms/general` everywhere. `base` is "" when Parley owns the whole site.
 */
export interface Paths {
  base: string;
  /** `path` ("/rooms/general", "/static/app.css") under the base; "/" is the base itself. */
  to(path: `/${string}`): string;
}

/**
 * A base path: "" or like "/chat" or "/community/chat": a leading slash, no trailing one, and
 * only characters that need no escaping in HTML or URLs (views write it as it is).
 */
const basePattern = /^(?:\/[A-Za-z0-9._~-]+)*$/;

/** The paths of a Parley mounted at `base`; throws on a base a host could not mount. */
export function pathsUnder(base: string): Paths {
  if (!basePattern.test(base) || /\/\.\.?(?:\/|$)/.test(base)) {
    throw new Error(
      `basePath must be "" or start with "/" and have no trailing slash, like "/chat" (got ${JSON.stringify(base)})`,
    );
  }
  // Hono matches a mounted app's home at "/chat", not "/chat/".
  return { base, to: (path) => (path === "/" ? base || "/" : `${base}${path}`) };
}

/** The paths of a standalone Parley, which owns "/". */
export const rootPaths = pathsUnder("");

// No default: a view rendered without its paths throws instead of writing addresses outside the mount.
const PathsContext = createContext<Paths | null>(null);

/** Gives the views under it their paths (views/render.ts and the app's page renderer use it). */
export const PathsProvider = PathsContext.Provider;

/** The paths of the render in progress. */
export function usePaths(): Paths {
  const paths = useContext(PathsContext);
  if (!paths) throw new Error("rendered without paths: render views through render(node, paths) or c.render()");
  return paths;
}
