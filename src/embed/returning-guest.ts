import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { embedSessionLifetimeMs } from "./embed-sessions.ts";

/**
 * A guest's embed session, kept so the frame finds it again on the host site's next page: each
 * page makes a new iframe whose address has no session, and without this every page view was a
 * new guest and a new member.
 *
 * Browsers block third-party cookies, but a `Partitioned` one is kept per top-level site (CHIPS):
 * it comes back only inside frames on the same host site, never on Parley's own pages or on
 * another site that embeds the room. It needs `Secure` (http://localhost and 127.0.0.1 count as
 * secure) and `SameSite=None`; `HttpOnly`, as no script needs it. Scoped to the room's embed path,
 * and only ever a guest's: a person the host site signs in comes with the site's token each time.
 */
const cookieName = "parley_guest";

/** The room's embed path, as this request reached it (under the kit's base path too). */
const embedPath = (c: Context) => c.req.path.replace(/\/guest$/, "");

export const rememberGuest = (c: Context, session: string) =>
  setCookie(c, cookieName, session, {
    path: embedPath(c),
    httpOnly: true,
    secure: true,
    sameSite: "None",
    partitioned: true,
    maxAge: Math.floor(embedSessionLifetimeMs / 1000),
  });

export const rememberedGuest = (c: Context): string | undefined => getCookie(c, cookieName);

/** A session that ended (it expired, or the guest was removed): the frame asks for a nickname again. */
export const forgetGuest = (c: Context) =>
  deleteCookie(c, cookieName, { path: embedPath(c), secure: true, sameSite: "None", partitioned: true });
