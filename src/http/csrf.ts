import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Deps } from "../app-env.ts";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
const formTypes = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

/**
 * Cross-site request forgery: a state-changing request must come from one of our own pages
 * whenever a browser could have sent it on a visitor's behalf, that is when it carries
 * cookies, or is a form (log-in CSRF needs no cookie), whatever its Content-Type says.
 * Proof of origin is `Sec-Fetch-Site: same-origin` (pages cannot forge it) or an `Origin`
 * equal to ours: under our `Referrer-Policy: no-referrer` a browser's form post says
 * `Origin: null`, so Origin alone would refuse our own forms. A script with a bearer token and
 * no cookie stays welcome: no browser adds that header to another site's request.
 */
export const sameOriginWrites = (deps: Pick<Deps, "config">) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const browserMayHaveSent =
      c.req.header("cookie") !== undefined || formTypes.test(c.req.header("content-type") ?? "");
    if (!browserMayHaveSent) return next();
    const ours = deps.config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
    const sameOrigin = c.req.header("sec-fetch-site") === "same-origin" || c.req.header("origin") === ours;
    if (!sameOrigin)
      throw new HTTPException(403, { message: "That request came from another site, so it was refused." });
    await next();
  });
