import type { Context } from "hono";
import type { Config } from "../config.ts";
import type { Room, Standing, User } from "../store/records.ts";

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

/**
 * Whether a person may know the room exists at all: a public room to anyone not banned from it;
 * a private or direct room to its members alone. Whoever may not see a room gets exactly what
 * a made-up slug gets (404, close 4404): a slug cannot be probed.
 */
export function maySee(room: Pick<Room, "visibility">, standing: Standing): boolean {
  if (standing.banned) return false;
  return room.visibility === "public" || standing.role !== null;
}

/** Whether a person may join the room themselves (a preview's Join button): public rooms only. */
export function mayJoin(room: Pick<Room, "visibility">, standing: Standing): boolean {
  return room.visibility === "public" && !standing.banned && standing.role === null;
}

/** Whether a person may read and post in the room: its members, not banned. */
export function mayTalk(standing: Standing): boolean {
  return standing.role !== null && !standing.banned;
}

/** Owners and moderators: delete messages, remove and ban people, rename, set the topic and embedding. */
export function mayModerate(standing: Standing): boolean {
  return !standing.banned && (standing.role === "owner" || standing.role === "moderator");
}

/** The owner alone makes moderators and deletes the room. */
export function isOwner(standing: Standing): boolean {
  return !standing.banned && standing.role === "owner";
}

/**
 * Whether `actor` may remove or ban `target`: never the owner; a moderator only people who are
 * not moderators themselves (the owner made them, the owner unmakes them).
 */
export function mayRemove(actor: Standing, target: Standing): boolean {
  if (!mayModerate(actor) || target.role === "owner") return false;
  return actor.role === "owner" || target.role !== "moderator";
}

/** Whether a person may be added to the room: not to a direct room (its people are fixed), never someone banned. */
export function mayBeAdded(room: Pick<Room, "visibility">, target: Standing): boolean {
  return room.visibility !== "direct" && !target.banned;
}
