import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import type { User } from "../store/records.ts";

/*
 * Who is signed in, as every feature asks it: `c.var.user` (null for a visitor) and where a
 * visitor signs in (`c.var.signInUrl`). Two things fill it: Parley's own accounts
 * (src/accounts/sessions.ts, loadUser) or the host app's people (the kit's identify, below).
 * Features read it and require it here, never from either source.
 */

/**
 * Sets `user` from the host app's person (the kit's identify). The host keeps the sessions:
 * Parley's sockets count against, and end with, the person (`host:<user id>`).
 */
export const identified = (identify: (c: Context) => Promise<User | null>) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = await identify(c);
    c.set("user", user);
    c.set("session", user ? `host:${user.id}` : null);
    await next();
  });

/** Pages that need an account send visitors to sign in (Parley's log-in, or the host app's signInUrl), then back. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("user")) return next();
  const back = encodeURIComponent(new URL(c.req.url).pathname);
  const signIn = c.var.signInUrl;
  return c.redirect(`${signIn}${signIn.includes("?") ? "&" : "?"}next=${back}`, 303);
});
