import { HTTPException } from "hono/http-exception";
import type { Room, Standing, User } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { maySee } from "./access.ts";

/**
 * The room a slug names. An unknown one is the same 404 everywhere: the styled page for pages,
 * JSON under /api (both from errors.tsx), and close code 4404 on the socket (socket.tsx).
 */
export async function findRoom(store: Store, slug: string | undefined): Promise<Room> {
  const room = slug ? await store.rooms.findBySlug(slug) : null;
  if (!room) throw new HTTPException(404, { message: "There is no room here." });
  return room;
}

/**
 * The room a slug names, for this person: a room they may not see (private or direct and not
 * theirs, or one they are banned from) is the very same 404 as a slug that names nothing, so
 * no answer tells a hidden room from a made-up one. Every route for a person asks here.
 */
export async function findVisibleRoom(
  store: Store,
  slug: string | undefined,
  user: Pick<User, "id">,
): Promise<{ room: Room; standing: Standing }> {
  const room = await findRoom(store, slug);
  const standing = await store.rooms.standing(room.id, user.id);
  if (!maySee(room, standing)) throw new HTTPException(404, { message: "There is no room here." });
  return { room, standing };
}
