import type { Context } from "hono";
import type { Config } from "../config.ts";
import type { Room, User } from "../store/records.ts";

// The socket's refusals are delivery's close codes; named here too, beside the checks that refuse.

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
