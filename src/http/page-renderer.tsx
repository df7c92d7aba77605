import { createMiddleware } from "hono/factory";
import { type Paths, PathsProvider } from "../../views/paths.ts";
import type { AppEnv } from "../app-env.ts";

/**
 * Every request learns the app's paths (`c.var.paths`, for redirects and cookies), and its
 * pages render with them: handlers answer `c.render(<Page/>, status)`, never `c.html(<Page/>)`,
 * whose views would find no paths and throw (test/architecture.test.ts holds that line).
 */
export const pagesUnder = (paths: Paths) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set("paths", paths);
    c.setRenderer((content, status) => c.html(<PathsProvider value={paths}>{content}</PathsProvider>, status));
    await next();
  });
