import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv, Deps } from "../app-env.ts";
import { isHttps } from "./sessions.ts";

/** What the settings page says once, after the redirect that follows a successful post. */
export type Flash =
  | { newToken: string }
  | { tokensRevoked: number }
  | { passwordChanged: true }
  | { profileSaved: true };

const cookieName = "parley_flash";
const path = (c: Context) => c.var.paths.to("/settings");

/**
 * Carries the result of a settings post across its redirect (POST/redirect/GET), so a reload
 * repeats nothing. A new API token travels in this cookie rather than in the URL, where it
 * would reach history and access logs: HttpOnly, SameSite=Strict, scoped to /settings, a
 * minute long, and deleted by the first page that reads it.
 */
export function setFlash(c: Context<AppEnv>, deps: Deps, flash: Flash): void {
  setCookie(c, cookieName, JSON.stringify(flash), {
    httpOnly: true,
    sameSite: "Strict",
    secure: isHttps(c, deps),
    path: path(c),
    maxAge: 60,
  });
}

/** The flash, if any, deleted as it is read: a second visit shows nothing. */
export function takeFlash(c: Context<AppEnv>): Flash | null {
  const value = getCookie(c, cookieName);
  if (value === undefined) return null;
  deleteCookie(c, cookieName, { path: path(c) });
  try {
    const flash = JSON.parse(value) as Record<string, unknown>;
    if (typeof flash.newToken === "string") return { newToken: flash.newToken };
    if (Number.isSafeInteger(flash.tokensRevoked)) return { tokensRevoked: flash.tokensRevoked as number };
    if (flash.passwordChanged === true) return { passwordChanged: true };
    if (flash.profileSaved === true) return { profileSaved: true };
  } catch {
    // A damaged or foreign value shows nothing.
  }
  return null;
}
