import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { ErrorPage } from "../views/errors.tsx";
import type { AppEnv } from "./app-env.ts";

const wantsJson = (c: Context) => c.req.path.startsWith("/api/") || c.req.path === "/healthz";

/** Expected errors (HTTPException) render as they are; anything else is logged once, with context. */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  const status = error instanceof HTTPException ? error.status : 500;
  if (status >= 500) console.error(`${c.req.method} ${c.req.path} failed:`, error);
  const message = status >= 500 ? "The server could not finish that request." : error.message;
  if (error instanceof HTTPException && error.res) return error.res;
  if (wantsJson(c)) return c.json({ error: message }, status);
  return c.html(<ErrorPage status={status} message={message} user={c.var.user ?? null} />, status);
};

export const notFound: NotFoundHandler<AppEnv> = (c) => {
  if (wantsJson(c)) return c.json({ error: "Not found." }, 404);
  return c.html(<ErrorPage status={404} message="There is nothing at this address." user={c.var.user ?? null} />, 404);
};
