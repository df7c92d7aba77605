import { digest, randomToken } from "../accounts/secrets.ts";
import type { Deps } from "../app-env.ts";
import type { Room, User } from "../store/records.ts";

/**
 * An embedded room's session. Browsers block third-party cookies, so it travels as a token in
 * the frame's own URL (`?session=`), its socket URL and its requests; a guest's is also kept in
 * a partitioned cookie, for the host site's next page (returning-guest.ts). It is scoped to its
 * room: the rest of Parley refuses it (see accounts/sessions.ts).
 */
export const embedSessionLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export async function startEmbedSession(deps: Pick<Deps, "store" | "now">, user: User, room: Room): Promise<string> {
  const token = randomToken();
  await deps.store.sessions.create(
    await digest(token),
    user.id,
    new Date(deps.now().getTime() + embedSessionLifetimeMs),
    room.id,
  );
  return token;
}

/**
 * The session's stored id and user when `token` is a live session of this room's embed; null
 * otherwise, and for someone banned from the room (the ban outlives the session).
 */
export async function findEmbedSession(
  deps: Pick<Deps, "store" | "now">,
  token: string | undefined,
  room: Room,
): Promise<{ id: string; user: User } | null> {
  if (!token || token.length > 64) return null;
  const id = await digest(token);
  const found = await deps.store.sessions.find(id, deps.now());
  if (!found || found.roomId !== room.id || found.user.deactivatedAt) return null;
  if ((await deps.store.rooms.standing(room.id, found.user.id)).banned) return null;
  return { id, user: found.user };
}
