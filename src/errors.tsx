import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ErrorPage } from "../views/errors.tsx";
import type { AppEnv } from "./app-env.ts";
import { isStorageUnavailable } from "./store/unavailable.ts";

/** Mounted on the routes whose errors are JSON (`/api/*`, `/healthz`), before anything that may fail. */
export const answersJson = createMiddleware<AppEnv>(async (c, next) => {
  c.set("answersJson", true);
  await next();
});

/**
 * The one place errors are answered. Under /api (and /healthz) every error is JSON of one
 * shape, `{ "error": "<a sentence for people>" }`, with the HTTP status; elsewhere it is the
 * styled error page. Expected errors (HTTPException) say what went wrong. A database that
 * cannot write (disk full, locked) is a 503 that says to try again; anything else is a 500
 * that reveals nothing. Both are logged once, here, with who asked for what.
 */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  const unavailable = !(error instanceof HTTPException) && isStorageUnavailable(error);
  const status = error instanceof HTTPException ? error.status : unavailable ? 503 : 500;
  if (status >= 500) {
    // The route as written, not the path: a path may hold an invite code or a file's name.
    const where = { requestId: c.var.requestId, method: c.req.method, route: c.req.routePath };
    const who = c.var.user ? { user: c.var.user.id } : {};
    if (c.var.log) c.var.log.error({ ...where, ...who, err: error }, "request failed");
    else console.error(`${c.req.method} ${c.req.routePath} failed:`, error);
  }
  if (error instanceof HTTPException && error.res) return error.res;
  if (unavailable) {
    c.header("Retry-After", "30");
    return answer(c, 503, "The server cannot save anything just now: try again in a minute.");
  }
  return answer(c, status, status >= 500 ? "The server could not finish that request." : error.message);
};

export const notFound: NotFoundHandler<AppEnv> = (c) => answer(c, 404, "There is nothing at this address.");

function answer(c: Context<AppEnv>, status: ContentfulStatusCode, message: string) {
  if (c.var.answersJson) return c.json({ error: message }, status);
  return c.render(<ErrorPage status={status} message={message} user={c.var.user ?? null} />, status);
}
