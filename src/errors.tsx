import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ErrorPage } from "../views/errors.tsx";
import type { AppEnv } from "./app-env.ts";

const wantsJson = (c: Context) => c.req.path === "/api" || c.req.path.startsWith("/api/") || c.req.path === "/healthz";

/**
 * The one place errors are answered. Under /api (and /healthz) every error is JSON of one
 * shape, `{ "error": "<a sentence for people>" }`, with the HTTP status; elsewhere it is the
 * styled error page. Expected errors (HTTPException) say what went wrong; anything else is
 * logged once, with context, and answered with a 500 that reveals nothing.
 */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  const status = error instanceof HTTPException ? error.status : 500;
  if (status >= 500) console.error(`${c.req.method} ${c.req.path} failed:`, error);
  const message = status >= 500 ? "The server could not finish that request." : error.message;
  if (error instanceof HTTPException && error.res) return error.res;
  return answer(c, status, message);
};

export const notFound: NotFoundHandler<AppEnv> = (c) => answer(c, 404, "There is nothing at this address.");

function answer(c: Context<AppEnv>, status: ContentfulStatusCode, message: string) {
  if (wantsJson(c)) return c.json({ error: message }, status);
  return c.html(<ErrorPage status={status} message={message} user={c.var.user ?? null} />, status);
}
