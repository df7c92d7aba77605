import { HTTPException } from "hono/http-exception";
import type { Room } from "../store/records.ts";
import type { Store } from "../store/store.ts";

/**
 * The room a slug names. An unknown one is the same 404 everywhere: the styled page for pages,
 * JSON under /api (both from errors.tsx), and close code 4404 on the socket (socket.tsx).
 */
export async function findRoom(store: Store, slug: string | undefined): Promise<Room> {
  const room = slug ? await store.rooms.findBySlug(slug) : null;
  if (!room) throw new HTTPException(404, { message: "There is no room here." });
  return room;
}
