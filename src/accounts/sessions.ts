import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv, Deps } from "../app-env.ts";
import type { User } from "../store/records.ts";
import { digest, randomToken } from "./secrets.ts";

const cookieName = "parley_session";
const day = 24 * 60 * 60 * 1000;
const lifetime = 30 * day;
/** Sessions slide: an active user whose session has less than this left gets a fresh 30 days. */
const renewBelow = 15 * day;

/** Whether cookies get `Secure`: the public origin (or the request) is HTTPS. */
export const isHttps = (c: Context, deps: Deps) =>
  (deps.config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin).startsWith("https:");

/** The session is the mounted app's alone: its cookie goes only to paths under the base. */
const cookiePath = (c: Context) => c.var.paths?.to("/") ?? "/";

const writeCookie = (c: Context, deps: Deps, token: string, expires: Date) =>
  setCookie(c, cookieName, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c, deps),
    path: cookiePath(c),
    expires,
  });

/**
 * Starts a new session (a fresh token at every log-in, so a planted cookie is useless). The new
 * row is written before the old one is deleted: if the write fails (disk full, database
 * locked), the person keeps the session they had.
 */
export async function startSession(c: Context, deps: Deps, user: User): Promise<void> {
  const token = randomToken();
  const expires = new Date(deps.now().getTime() + lifetime);
  await deps.store.sessions.create(await digest(token), user.id, expires);
  await forgetSession(c, deps);
  writeCookie(c, deps, token, expires);
}

export async function endSession(c: Context, deps: Deps): Promise<void> {
  if (await forgetSession(c, deps)) deleteCookie(c, cookieName, { path: cookiePath(c) });
}

/** Deletes the session the request's cookie names, if any; true when there was a cookie. */
async function forgetSession(c: Context, deps: Deps): Promise<boolean> {
  const token = getCookie(c, cookieName);
  if (token) await deps.store.sessions.delete(await digest(token));
  return token !== undefined;
}

/**
 * The session the cookie names (its stored id, the digest) and its user, renewing a session
 * that is past half its life.
 */
export async function currentSession(c: Context, deps: Deps): Promise<{ id: string; user: User } | null> {
  const token = getCookie(c, cookieName);
  if (!token) return null;
  const id = await digest(token);
  const found = await deps.store.sessions.find(id, deps.now());
  // An embed's session (src/embed/) opens its one room there, never the rest of Parley.
  // A deactivated person's sessions are deleted; one started in the same moment is refused here.
  if (!found || found.roomId !== null || found.user.deactivatedAt) return null;
  if (found.expiresAt.getTime() - deps.now().getTime() < renewBelow) {
    const expires = new Date(deps.now().getTime() + lifetime);
    await deps.store.sessions.extend(id, expires);
    writeCookie(c, deps, token, expires);
  }
  return { id, user: found.user };
}

/** Sets `user` and `session` (the session's stored id, to end its sockets at log-out) for every request. */
export const loadUser = (deps: Deps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const session = await currentSession(c, deps);
    c.set("user", session?.user ?? null);
    c.set("session", session?.id ?? null);
    await next();
  });
