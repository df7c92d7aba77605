import type { Context } from "hono";
import type { Config } from "../config.ts";
import type { Room, User } from "../store/records.ts";

/**
 * Close codes for refused sockets (an HTTP refusal would make htmx retry forever): 4000 plus
 * the HTTP status the same refusal gets on a page or in the API.
 */
export const closeCodes = {
  /** "Try again later" (RFC 6455): a reader too slow for its room; the page reconnects and catches up. */
  tooSlow: 1013,
  badRequest: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  noSuchRoom: 4404,
  rateLimited: 4429,
} as const;

export const closeCodeFor = (status: number) => 4000 + status;

/**
 * Browsers always send Origin on a WebSocket upgrade and cookies ride along, so a foreign
 * Origin is another site trying to use the visitor's session (cross-site WebSocket hijacking).
 * Clients that are not browsers send none and must authenticate some other way to get far.
 */
export function isSameOrigin(c: Context, config: Config): boolean {
  const origin = c.req.header("origin");
  if (origin === undefined) return true;
  return origin === (config.PUBLIC_ORIGIN ?? new URL(c.req.url).origin);
}

/** Every room is open to every signed-in user for now; private rooms will refuse here. */
export function canJoin(_user: User, _room: Room): boolean {
  return true;
}
