import { createMiddleware } from "hono/factory";
import { type Paths, PathsProvider } from "../../views/paths.ts";
import { type Site, SiteProvider } from "../../views/site.ts";
import type { AppEnv } from "../app-env.ts";

/**
 * Every request learns the app's paths (`c.var.paths`, for redirects and cookies), and its
 * pages render with them and with their site (Parley's own, or a host app's: views/site.ts): handlers answer `c.render(<Page/>, status)`, never `c.html(<Page/>)`,
 * whose views would find no paths and throw (test/architecture.test.ts holds that line).
 */
export const pagesUnder = (paths: Paths, site: Site = {}) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set("paths", paths);
    c.setRenderer((content, status) =>
      c.html(
        <PathsProvider value={paths}>
          <SiteProvider value={c.get("administrator") ? { ...site, administrator: true } : site}>
            {content}
          </SiteProvider>
        </PathsProvider>,
        status,
      ),
    );
    await next();
  });
