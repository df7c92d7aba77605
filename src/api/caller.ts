import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { bearerUser } from "../accounts/api-tokens.ts";
import type { AppEnv, Deps } from "../app-env.ts";

/**
 * Who calls the JSON API: a bearer token wins over the session cookie (already read by
 * loadUser), so a script says who it is; nobody is a 401.
 */
export const callerOf = (deps: Deps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const bearer = await bearerUser(c, deps);
    const user = bearer ?? c.var.user;
    if (!user) throw new HTTPException(401, { message: "Sign in or send an API token." });
    c.set("user", user);
    if (bearer) c.set("session", null);
    await next();
  });
